import { TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useParam } from "../app/useParam";

interface SearchFieldProps {
  label: string;
  placeholder?: string;
  /** The address parameter it is kept in. */
  param?: string;
  width?: number;
}

/** A search box kept in the address; the list follows a moment after typing stops. */
export function SearchField({ label, placeholder, param = "q", width = 320 }: SearchFieldProps) {
  const [q, setQ] = useParam(param);
  const [typed, setTyped] = useState(q);
  const [settled] = useDebouncedValue(typed, 300);
  useEffect(() => {
    if (settled.trim() !== q) setQ(settled.trim() || null);
  }, [settled]);
  // Changed elsewhere ("Clear filters", a link): the box shows it.
  useEffect(() => {
    if (q !== settled.trim()) setTyped(q);
  }, [q]);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      type="search"
      value={typed}
      onChange={(event) => setTyped(event.currentTarget.value)}
      w={width}
    />
  );
}
