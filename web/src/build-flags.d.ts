/** Constants the build sets (vite.config.ts `define`). */
declare const __BOUNDARY_FILE__: boolean;
