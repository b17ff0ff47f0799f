export { ZDelay, ZDelayRequest } from "../../../../shared/backoffice.ts";
