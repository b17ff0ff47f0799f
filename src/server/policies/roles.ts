import type { Actor } from "../auth/actor.ts";

export const anyone = (_actor: Actor) => true;
/** A member of the service team: every role but viewers, who see only the reports. */
export const isMember = (actor: Actor) => actor.role !== "viewer";
export const isAdmin = (actor: Actor) => actor.role === "admin";
export const isSupervisor = (actor: Actor) => actor.role === "admin" || actor.role === "supervisor";
