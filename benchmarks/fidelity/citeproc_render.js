#!/usr/bin/env node
// Reference renderer for the fidelity and speed benchmarks: citeproc-js, the CSL
// engine inside Zotero, rendering the same CSL-JSON that citeman gives pandoc.
//
// usage: node citeproc_render.js ITEMS.json STYLE.csl [text|html] [--citations] [--bib-only]
// prints JSON {"entries": [[id, text], ...], "citations": {id: text}}
// Locales are the CSL project's own files in ./locales, so a style gets the locale it
// asks for (en-GB, de-AT, ...) as in Zotero: a language alone ("de") takes its primary
// dialect, and anything unknown falls back to en-US.

'use strict';
const fs = require('fs');
const path = require('path');
const CSL = require('citeproc');

const LOCALES = path.join(__dirname, 'locales');
const primaryDialects = JSON.parse(fs.readFileSync(path.join(LOCALES, 'locales.json'), 'utf8'))['primary-dialects'];

function retrieveLocale(lang) {
  const wanted = String(lang || 'en-US');
  for (const name of [wanted, primaryDialects[wanted.split('-')[0]], 'en-US']) {
    const file = name && path.join(LOCALES, `locales-${name}.xml`);
    if (file && fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  }
  return undefined;
}

function rendersNothing(sys, styleXml, format, id) {
  const engine = new CSL.Engine(sys, styleXml, 'en-US');
  engine.setOutputFormat(format);
  engine.updateItems([id]);
  const bib = engine.makeBibliography();
  return !bib || bib[1].length === 0 || !bib[1].join('').trim();
}

function main(argv) {
  const [itemsPath, stylePath, format = 'text', ...flags] = argv;
  if (!itemsPath || !stylePath) {
    process.stderr.write('usage: node citeproc_render.js ITEMS.json STYLE.csl [text|html] [--citations]\n');
    process.exit(2);
  }
  const items = JSON.parse(fs.readFileSync(itemsPath, 'utf8'));
  const byId = new Map(items.map((item) => [String(item.id), item]));
  const sys = {
    retrieveLocale,
    retrieveItem: (id) => byId.get(String(id)),
  };
  const styleXml = fs.readFileSync(stylePath, 'utf8');
  const engine = new CSL.Engine(sys, styleXml, 'en-US');
  engine.setOutputFormat(format);
  const ids = items.map((item) => String(item.id));
  engine.updateItems(ids);
  const out = { entries: [], citations: {} };
  const bib = engine.makeBibliography();
  if (bib) {
    const [meta, texts] = bib;
    // An item the style renders as nothing has no text but keeps its place in entry_ids
    // (sometimes reported in bibliography_errors, sometimes not); it is paired with an
    // empty text, and found by rendering it alone when the counts say one is missing.
    const order = meta.entry_ids.map((entryIds) => String(entryIds[0]));
    let silent = new Set((meta.bibliography_errors || []).map((error) => String(error.itemID)));
    if (order.length - silent.size !== texts.length) {
      silent = new Set(order.filter((id) => rendersNothing(sys, styleXml, format, id)));
    }
    const rendered = order.filter((id) => !silent.has(id));
    if (rendered.length !== texts.length) {
      process.stderr.write(`citeproc-js error: ${rendered.length} entries but ${texts.length} texts\n`);
      process.exit(1);
    }
    rendered.forEach((id, i) => out.entries.push([id, texts[i]]));
    silent.forEach((id) => out.entries.push([id, '']));
  }
  if (flags.includes('--citations')) {
    for (const id of ids) {
      out.citations[id] = engine.makeCitationCluster([{ id }]);
    }
  }
  process.stdout.write(JSON.stringify(out));
}

main(process.argv.slice(2));
