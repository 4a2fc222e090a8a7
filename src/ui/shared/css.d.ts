/** Vite bundles CSS imported by the extension pages (side-effect imports). */
declare module '*.css';
