import type { Actor } from "../auth/actor.ts";

export const anyone = (_actor: Actor) => true;
export const isAdmin = (actor: Actor) => actor.role === "admin";
export const isSupervisor = (actor: Actor) => actor.role === "admin" || actor.role === "supervisor";
