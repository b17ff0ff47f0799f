import { useCallback, useMemo, useState } from "react";

/**
 * The rows chosen for a bulk action: a click toggles one, Shift+click selects every row between
 * the last one clicked and this one (in the list's order). Rows that left the list drop out.
 */
export function useSelection(order: string[]) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [anchor, setAnchor] = useState<string | null>(null);
  const present = useMemo(() => new Set(order), [order]);
  const ids = useMemo(() => order.filter((id) => chosen.has(id)), [order, chosen]);

  const toggle = useCallback(
    (id: string, shift: boolean) => {
      setChosen((current) => {
        const next = new Set([...current].filter((item) => present.has(item)));
        const from = anchor ? order.indexOf(anchor) : -1;
        const to = order.indexOf(id);
        if (shift && from >= 0 && to >= 0) {
          const [start, end] = from < to ? [from, to] : [to, from];
          for (const item of order.slice(start, end + 1)) next.add(item);
        } else if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
      setAnchor(id);
    },
    [anchor, order, present],
  );

  const clear = useCallback(() => {
    setChosen(new Set());
    setAnchor(null);
  }, []);

  return { ids, has: (id: string) => chosen.has(id) && present.has(id), toggle, clear };
}
