/** A labelled Designsystemet Select with optional description, empty choice and error: the one way forms pick from a list. */
import { Field, Label, Select, ValidationMessage } from '@digdir/designsystemet-react';
import type { ComponentProps } from 'react';

export interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  /** Label of a first option with the empty value ("choose …", "all units"). */
  emptyLabel?: string;
  description?: string;
  error?: string;
  width?: ComponentProps<typeof Select>['width'];
}

export function SelectField({ id, label, value, onChange, options, emptyLabel, description, error, width }: SelectFieldProps) {
  return (
    <Field>
      <Label htmlFor={id}>{label}</Label>
      {description && <Field.Description>{description}</Field.Description>}
      <Select id={id} width={width} value={value} onChange={(e) => onChange(e.target.value)}>
        {emptyLabel !== undefined && <Select.Option value="">{emptyLabel}</Select.Option>}
        {options.map((o) => (
          <Select.Option key={o.value} value={o.value}>
            {o.label}
          </Select.Option>
        ))}
      </Select>
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Field>
  );
}
