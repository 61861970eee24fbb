import { Anchor, Box } from "@mantine/core";
import { useMemo } from "react";
import { linkify } from "./linkify";

/** Plain text as written, with every http(s) address turned into a link showing the address. */
export function LinkifiedText({ text }: { text: string }) {
  const parts = useMemo(() => linkify(text), [text]);
  return (
    <Box
      component="pre"
      m={0}
      ff="inherit"
      fz="sm"
      style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", lineHeight: 1.6 }}
    >
      {parts.map((part, index) =>
        part.kind === "link" ? (
          <Anchor key={index} href={part.href} inherit>
            {part.text}
          </Anchor>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </Box>
  );
}
