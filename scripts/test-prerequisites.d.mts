export interface Found {
  missing: string[];
  postgresUp: boolean;
  postgresVersions: string[];
  root: boolean;
  apt: boolean;
}
export type Decision =
  | { action: "none" }
  | { action: "run"; commands: string[][] }
  | { action: "stop"; message: string };
export const packages: {
  name: string;
  usedBy: string;
  present: (env: NodeJS.ProcessEnv) => boolean;
}[];
export function plan(found: Found): Decision;
export function listening(host: string, port: number, timeoutMs?: number): Promise<boolean>;
export function inspect(env?: NodeJS.ProcessEnv): Promise<Found>;
export function main(deps?: {
  look?: () => Promise<Found>;
  run?: (command: string[]) => number;
  log?: (line: string) => void;
}): Promise<number>;
