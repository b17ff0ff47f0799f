import { describe, expect, it } from "vitest";
import {
  formatBytes as bytes,
  formatDuration as duration,
  formatRelative as relative,
  formatSpan as span2,
} from "./format.ts";

/** French separates numbers from units with (narrow) no-break spaces: compare as plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");
const formatBytes = (size: number, locale: string) => plain(bytes(size, locale));
const formatDuration = (ms: number, locale: string) => plain(duration(ms, locale));
const formatRelative = (iso: string, locale: string, now: number) =>
  plain(relative(iso, locale, now));
const formatSpan = (ms: number, locale: string) => plain(span2(ms, locale));

const NOW = Date.parse("2026-12-07T12:00:00Z");
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("one style of relative times and durations, in the reader's language", () => {
  it("writes waits and relative times with the same units, without English full stops", () => {
    expect(formatDuration(18 * MINUTE, "en")).toBe("18 min");
    expect(formatDuration(2 * HOUR, "en")).toBe("2 hr");
    expect(formatDuration(3 * 24 * HOUR, "en")).toBe("3 days");
    expect(formatRelative(ago(30 * MINUTE), "en", NOW)).toBe("30 min ago");
    expect(formatRelative(ago(3 * HOUR), "en", NOW)).toBe("3 hr ago");
    expect(formatDuration(18 * MINUTE, "fr")).toBe("18 min");
    expect(formatDuration(2 * HOUR, "fr")).toBe("2 h");
    expect(formatRelative(ago(30 * MINUTE), "fr", NOW)).toBe("il y a 30 min");
    expect(formatRelative(ago(3 * HOUR), "fr", NOW)).toBe("il y a 3 h");
  });

  it("spans two units in the reader's language, never French in English", () => {
    const span = 21 * HOUR + 43 * MINUTE;
    expect(formatSpan(span, "en")).toBe("21 hr 43 min");
    expect(formatSpan(span, "fr")).toBe("21 h 43 min");
    expect(formatSpan(2 * 24 * HOUR + 5 * HOUR, "en")).toBe("2 days 5 hr");
    expect(formatSpan(2 * 24 * HOUR + 5 * HOUR, "fr")).toBe("2 j 5 h");
    expect(formatSpan(2 * HOUR, "en")).toBe("2 hr");
    expect(formatSpan(125_000, "en")).toBe("2 min 5 sec");
    expect(formatSpan(45_000, "fr")).toBe("45 s");
  });

  it("gives bytes their plural, and larger sizes their short unit", () => {
    expect(formatBytes(136, "en")).toBe("136 bytes");
    expect(formatBytes(1, "en")).toBe("1 byte");
    expect(formatBytes(136, "fr")).toBe("136 octets");
    expect(formatBytes(1536, "en")).toBe("1.5 kB");
    expect(formatBytes(1536, "fr")).toBe("1,5 ko");
  });
});
