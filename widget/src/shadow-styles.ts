// Styles for the widget's shadow root that a host page's Content Security
// Policy allows: a constructed stylesheet is not an inline style, so it needs
// no 'unsafe-inline' in the page's style-src, where a <style> element would.

/**
 * Adds `css` to the shadow root's styles.
 * @example adoptStyles(root, '.launcher{width:56px}');
 */
export function adoptStyles(root: ShadowRoot, css: string): void {
  // Browsers from before constructed stylesheets (Safari before 16.4) get a <style>, as a page without a strict CSP allows.
  if (!root.adoptedStyleSheets) return void root.append(Object.assign(document.createElement('style'), { textContent: css }));
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
