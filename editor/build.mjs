// Builds the pair editor into ../static/ckeditor5/: editor.js, editor.css and the
// licence texts of what they bundle. The first line of editor.js names the CKEditor
// version inside, read from the installed package, so the tests and a reader of the
// served file can tell which release the admin runs. Run with `npm run build`.
import { readFileSync } from "node:fs";
import { build } from "esbuild";

const { version } = JSON.parse(readFileSync("node_modules/ckeditor5/package.json", "utf8"));

await build({
  entryPoints: ["src/editor.js"],
  outfile: "../static/ckeditor5/editor.js",
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  legalComments: "linked",
  banner: { js: `/*! CKEditor 5 v${version} (GPL-2.0-or-later), built by editor/build.mjs */` },
  logLevel: "info",
});
