/** An on/off switch: a real button with role=switch (Space/Enter toggle it; screen readers say its state). */
import type { JSX } from 'preact';

export interface SwitchProps {
  checked: boolean;
  label: string;
  onChange(checked: boolean): void;
  disabled?: boolean;
  id?: string;
}

export function Switch(props: SwitchProps): JSX.Element {
  return (
    <button
      type="button"
      role="switch"
      class="switch"
      id={props.id}
      aria-checked={props.checked ? 'true' : 'false'}
      disabled={props.disabled}
      onClick={() => props.onChange(!props.checked)}
    >
      <span class="track" aria-hidden="true" />
      <span>{props.label}</span>
    </button>
  );
}
