import { describe, expect, it } from "vitest";
import { callbackTwiml, parseForm, twilioSignature, validTwilioSignature } from "./twilio.ts";

describe("Twilio request signatures", () => {
  const url = "https://mycompany.com/myapp.php?foo=1&bar=2";
  const params = {
    CallSid: "CA1234567890ABCDE",
    Caller: "+14158675310",
    Digits: "1234",
    From: "+14158675310",
    To: "+18005551212",
  };

  it("matches the examples of Twilio's security documentation", () => {
    expect(twilioSignature("12345", url, params)).toBe("GvWf1cFY/Q7PnoempGyD5oXAezc=");
    expect(
      twilioSignature("12345", url, { ...params, Caller: "+12349013030", From: "+12349013030" }),
    ).toBe("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
  });

  it("accepts a valid signature, with or without the default port, and refuses anything else", () => {
    expect(validTwilioSignature("12345", "GvWf1cFY/Q7PnoempGyD5oXAezc=", url, params)).toBe(true);
    const withPort = twilioSignature(
      "12345",
      "https://mycompany.com:443/myapp.php?foo=1&bar=2",
      params,
    );
    expect(validTwilioSignature("12345", withPort, url, params)).toBe(true);
    expect(
      validTwilioSignature("12345", "GvWf1cFY/Q7PnoempGyD5oXAezc=", url, {
        ...params,
        Digits: "9",
      }),
    ).toBe(false);
    expect(validTwilioSignature("54321", "GvWf1cFY/Q7PnoempGyD5oXAezc=", url, params)).toBe(false);
    expect(validTwilioSignature("12345", undefined, url, params)).toBe(false);
  });

  it("signs a repeated parameter with each of its values, sorted", () => {
    const form = parseForm(Buffer.from("B=2&A=z&A=a"));
    expect(form).toEqual({ B: "2", A: ["z", "a"] });
    expect(twilioSignature("k", "https://x.test/h", form)).toBe(
      twilioSignature("k", "https://x.test/h", { A: ["a", "z"], B: "2" }),
    );
  });

  it("writes TwiML that greets the customer and puts them through, escaping text", () => {
    const twiml = callbackTwiml({
      greeting: "Bonjour <Lumière & Co>",
      language: "fr",
      connectTo: "+14155550111",
      callerId: "+14155550100",
      waiting: "",
    });
    expect(twiml).toContain('<Say language="fr-FR">Bonjour &lt;Lumière &amp; Co&gt;</Say>');
    expect(twiml).toContain('<Dial callerId="+14155550100">+14155550111</Dial>');
  });
});
