// SQL migrations and the demo page are bundled as text modules (see wrangler.toml).
declare module '*.sql' {
  const text: string;
  export default text;
}
declare module '*.html' {
  const text: string;
  export default text;
}
