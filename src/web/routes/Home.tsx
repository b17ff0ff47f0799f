import { Navigate } from "react-router";
import { useMe } from "../hooks/api/session.ts";

/** The first screen: the inbox for the service team, the reports for viewers. */
export function Home() {
  const { user } = useMe();
  return <Navigate to={user.role === "viewer" ? "/reports" : "/inbox/mine"} replace />;
}
