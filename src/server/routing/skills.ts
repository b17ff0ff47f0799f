import type { TeamSkills } from "../db/schema.ts";

/** What routing knows of a conversation. */
export interface RoutingFacts {
  language: string | null;
  category: string | null;
  channelKind: string | null;
}

export interface RoutableTeam {
  id: string;
  name: string;
  skills: TeamSkills;
}

/** "delivery.*" covers every delivery category; anything else must be equal. */
export function categoryMatches(pattern: string, category: string | null): boolean {
  if (!category) return false;
  if (pattern.endsWith(".*")) return category.startsWith(pattern.slice(0, -1));
  return pattern === category;
}

interface Fit {
  /** How many of the team's skill kinds the conversation matched (each one the team declared). */
  dimensions: number;
  /** How many values those skill lists hold: fewer means a narrower, more specific team. */
  breadth: number;
}

/**
 * Whether a team's skills fit a conversation: every kind of skill the team declares (languages,
 * categories, channel kinds) must include the conversation's value. A team without any skill is
 * never chosen by routing (it is assigned by hand or by rules).
 */
export function teamFit(skills: TeamSkills, facts: RoutingFacts): Fit | null {
  const checks: Array<[string[] | undefined, (value: string) => boolean]> = [
    [skills.languages, (value) => value === facts.language],
    [skills.categories, (value) => categoryMatches(value, facts.category)],
    [skills.channelKinds, (value) => value === facts.channelKind],
  ];
  let dimensions = 0;
  let breadth = 0;
  for (const [values, matches] of checks) {
    if (!values || values.length === 0) continue;
    if (!values.some(matches)) return null;
    dimensions += 1;
    breadth += values.length;
  }
  return dimensions > 0 ? { dimensions, breadth } : null;
}

/**
 * The best team for a conversation: the most specific match wins — more kinds of skill matched
 * first, then narrower lists, then the name (so the choice is stable). None fits: null.
 */
export function bestTeam<T extends RoutableTeam>(
  teams: readonly T[],
  facts: RoutingFacts,
): T | null {
  let best: { team: T; fit: Fit } | null = null;
  for (const team of teams) {
    const fit = teamFit(team.skills, facts);
    if (!fit) continue;
    if (
      !best ||
      fit.dimensions > best.fit.dimensions ||
      (fit.dimensions === best.fit.dimensions && fit.breadth < best.fit.breadth) ||
      (fit.dimensions === best.fit.dimensions &&
        fit.breadth === best.fit.breadth &&
        team.name.localeCompare(best.team.name) < 0)
    ) {
      best = { team, fit };
    }
  }
  return best?.team ?? null;
}
