import { Anchor, Box, Text } from "@mantine/core";
import { useMemo } from "react";
import { linkify } from "../lib/linkify.ts";
import { sanitizeEmailHtml } from "../lib/sanitize.ts";

interface MessageBodyProps {
  text: string;
  html: string | null;
}

/**
 * A message's content, always inert: plain text is rendered as React text (links made of web
 * addresses only), and email HTML goes through DOMPurify before it reaches the page.
 */
export function MessageBody({ text, html }: MessageBodyProps) {
  const safeHtml = useMemo(() => (html ? sanitizeEmailHtml(html) : null), [html]);
  const parts = useMemo(() => linkify(text), [text]);
  if (safeHtml) {
    const inert = { __html: safeHtml };
    return (
      <Box
        className="rl-message-html"
        data-message-html
        // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by DOMPurify just above
        dangerouslySetInnerHTML={inert}
      />
    );
  }
  return (
    <Text component="div" size="sm" className="rl-message-text" data-message-text>
      {parts.map((part, index) =>
        part.type === "link" ? (
          <Anchor
            // biome-ignore lint/suspicious/noArrayIndexKey: parts never reorder
            key={index}
            href={part.href}
            target="_blank"
            rel="noopener noreferrer"
            size="sm"
          >
            {part.text}
          </Anchor>
        ) : (
          part.text
        ),
      )}
    </Text>
  );
}
