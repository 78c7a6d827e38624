import { useEffect, useState } from 'preact/hooks';

/**
 * The time now, as a component sees it: it draws again every `everyMs`.
 * @example const now = useNow(1000);
 */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
