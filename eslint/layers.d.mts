/** Folder of app/ → the folders of app/ it may import from (see layers.mjs). */
export declare const LAYERS: Readonly<Record<string, readonly string[]>>;
declare const plugin: { readonly rules: Readonly<Record<string, unknown>> };
export default plugin;
