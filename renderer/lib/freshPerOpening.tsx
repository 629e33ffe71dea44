import { useState, type ComponentType } from 'react';

/**
 * Wraps a dialog component so that each opening mounts a fresh instance (fresh
 * `Form.useForm()` store, fresh state), whoever renders it and however. antd keeps a
 * form's values across openings otherwise, and the next record's initialValues would
 * merge with the last one's. Closing keeps the instance for the closing animation.
 */
export function freshPerOpening<P extends { open: boolean }>(Inner: ComponentType<P>): ComponentType<P> {
  function Fresh(props: P) {
    const [state, setState] = useState({ open: props.open, seq: 0 });
    // Derived state, updated during render (React's pattern for "reset on prop change").
    if (props.open !== state.open) setState({ open: props.open, seq: props.open ? state.seq + 1 : state.seq });
    return <Inner key={state.seq} {...props} />;
  }
  Fresh.displayName = `FreshPerOpening(${Inner.displayName ?? Inner.name})`;
  return Fresh;
}
