import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * The page's heading. It takes the focus when the page opens, so a screen reader announces the new page
 * and the keyboard starts from it; the document title follows.
 */
export function ScreenTitle({
  children,
  actions,
}: {
  children: ComponentChildren;
  actions?: ComponentChildren;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    if (heading.current?.textContent) document.title = heading.current.textContent;
  }, []);
  return (
    <div class="screen-head">
      <h1 ref={heading} tabIndex={-1}>
        {children}
      </h1>
      {actions ? <div class="screen-actions">{actions}</div> : null}
    </div>
  );
}
