import type { Services } from "../../src/server/services.ts";
import { createAccount, createApiChannel } from "./factories.ts";
import { apiClient, postSignedHook } from "./http.ts";

/**
 * A fresh account with an API channel, its admin's API client, and `send`: a customer's message
 * on that channel, signed as the channel's integration signs it (contact `contact`, named
 * "Client <contact>").
 */
export async function accountWithApiChannel(relais: { url: string; services: Services }) {
  const { account, token, user } = await createAccount(relais.services);
  const api = apiClient(relais.url, token);
  const { channel, secret } = await createApiChannel(relais.services, account.id);
  const send = (id: string, contact: string, text: string) =>
    postSignedHook(relais.url, channel.id, secret, {
      message: { id, text },
      contact: { id: contact, name: `Client ${contact}` },
    });
  return { account, token, user, api, channel, send };
}
