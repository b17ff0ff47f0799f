import { Autocomplete } from "@mantine/core";
import { useLabels } from "../../../hooks/api/labels.ts";

interface LabelInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
}

/** A rule's label: one of the account's labels, suggested as the admin types (a new name stays allowed). */
export function LabelInput({ label, value, onChange, placeholder }: LabelInputProps) {
  const labels = useLabels();
  return (
    <Autocomplete
      size="xs"
      aria-label={label}
      value={value}
      onChange={(next) => onChange(next.replace(/,/g, ""))}
      data={(labels.data ?? []).map((item) => item.name)}
      placeholder={placeholder}
      maxLength={40}
      data-testid="rule-label"
    />
  );
}
