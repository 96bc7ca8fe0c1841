-- citeman's custom pandoc writer: runs after --citeproc and returns JSON
--   {"entries": [[id, text], ...], "citations": [text, ...]}
-- so that every formatted reference stays tied to its item id (no splitting of
-- a rendered page by guesswork). The target format comes from the metadata
-- field `citeman-format`: plain, commonmark, html or latex.

local function stringmeta(meta, name, default)
  local value = meta[name]
  if value == nil then return default end
  return pandoc.utils.stringify(value)
end

-- Margin spans (numeric styles put "[1]" in csl-left-margin) become plain text
-- with one space between label and reference, as citeproc-js prints them in text.
local function flatten_spans(blocks)
  local doc = pandoc.Pandoc(blocks)
  doc = doc:walk({
    Span = function(span)
      if span.classes:includes('csl-left-margin') then
        local content = span.content
        content:insert(pandoc.Space())
        return content
      end
      -- nocase and the other csl-* spans only matter to the engine; keep their text.
      return span.content
    end,
    Div = function(div)
      if div.classes:includes('csl-block') or div.classes:includes('csl-left-margin')
          or div.classes:includes('csl-right-inline') or div.classes:includes('csl-indent') then
        return div.content
      end
      return nil
    end,
  })
  return doc.blocks
end

-- In note styles a citation is a footnote: keep the note's own text.
local function unwrap_notes(blocks)
  local notes = pandoc.List()
  pandoc.Pandoc(blocks):walk({
    Note = function(note)
      for _, b in ipairs(note.content) do notes:insert(b) end
      return nil
    end,
  })
  if #notes > 0 then return notes end
  return blocks
end

local SEPARATOR = 'CITEMANENTRYSEPARATOR'

-- In html the layout spans (csl-left-margin, ...) stay; empty and nocase wrappers go.
local function drop_bare_spans(blocks)
  return pandoc.Pandoc(blocks):walk({
    Span = function(span)
      if #span.classes == 0 and span.identifier == '' and #span.attributes == 0 then return span.content end
      if #span.classes == 1 and span.classes[1] == 'nocase' then return span.content end
      return nil
    end,
  }).blocks
end

-- Plain text has no superscript, subscript or small capitals: keep their letters as
-- written ("4ème", "DNA2"), as citeproc-js's text output does, not pandoc's "4^(ème)".
local function plain_text_marks(blocks)
  local keep = function(el) return el.content end
  return pandoc.Pandoc(blocks):walk({ Superscript = keep, Subscript = keep, SmallCaps = keep }).blocks
end

-- Para -> Plain so that html output has no <p> around a single reference.
local function plain_blocks(blocks)
  return pandoc.Pandoc(blocks):walk({ Para = function(p) return pandoc.Plain(p.content) end }).blocks
end

local function trim(text)
  return (text:gsub('^%s+', ''):gsub('%s+$', ''))
end

-- Write many block lists with one pandoc.write call (a call per entry costs more
-- than the formatting itself), then cut the output at separator paragraphs.
local function render_all(lists, fmt, wopts)
  local blocks = pandoc.List()
  for i, list in ipairs(lists) do
    if i > 1 then blocks:insert(pandoc.Para({ pandoc.Str(SEPARATOR) })) end
    if fmt ~= 'html' then list = flatten_spans(list) else list = drop_bare_spans(list) end
    if fmt == 'plain' then list = plain_text_marks(list) end
    blocks:extend(plain_blocks(list))
  end
  -- Newlines around the output so a separator is found even next to an empty entry.
  local out = '\n' .. pandoc.write(pandoc.Pandoc(blocks), fmt, wopts) .. '\n'
  local pieces = {}
  local pattern = '\n[^\n]-' .. SEPARATOR .. '[^\n]-\n'
  local start = 1
  while true do
    local s, e = out:find(pattern, start)
    if not s then break end
    table.insert(pieces, trim(out:sub(start, s)))
    start = e  -- keep the newline: it may precede the next separator
  end
  table.insert(pieces, trim(out:sub(start)))
  return pieces
end

function Writer(doc, opts)
  local fmt = stringmeta(doc.meta, 'citeman-format', 'plain')
  local wopts = pandoc.WriterOptions({ wrap_text = 'wrap-none' })
  local ids, bodies, cites = {}, {}, {}
  for _, blk in ipairs(doc.blocks) do
    if blk.t == 'Div' and blk.identifier == 'refs' then
      for _, item in ipairs(blk.content) do
        if item.t == 'Div' and item.identifier:sub(1, 4) == 'ref-' then
          table.insert(ids, item.identifier:sub(5))
          table.insert(bodies, item.content)
        end
      end
    else
      table.insert(cites, unwrap_notes({ blk }))
    end
  end
  local entries = pandoc.List()
  if #bodies > 0 then
    for i, text in ipairs(render_all(bodies, fmt, wopts)) do
      entries:insert({ ids[i], text })
    end
  end
  local citations = pandoc.List()
  if #cites > 0 then citations = render_all(cites, fmt, wopts) end
  return pandoc.json.encode({ entries = entries, citations = citations })
end
