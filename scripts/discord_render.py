#!/usr/bin/env python3
"""Draws captured bot replies as Discord's dark theme, for a person to look at.

Opt-in, not part of `cargo test`:

    cargo test --test discord_capture -- --ignored
    python3 scripts/discord_render.py            # writes target/discord-capture/replies.html
    python3 scripts/discord_render.py 0 4        # only replies 0 and 4
    chromium --headless --no-sandbox --screenshot=target/discord-capture/replies.png \
        --window-size=900,2400 target/discord-capture/replies.html
"""
import html
import json
import pathlib
import re

OUT = pathlib.Path(__file__).resolve().parent.parent / "target" / "discord-capture"


def markdown(text):
    """The little Markdown the bot uses: bold, masked links, line breaks."""
    t = html.escape(text)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"\[([^\]]+)\]\((https?://[^)]+)\)", r'<a href="\2">\1</a>', t)
    # A command mention shows as a clickable "/name" pill; `code` as code.
    t = re.sub(r"&lt;/([\w -]+):\d+&gt;", r'<span class="cmd">/\1</span>', t)
    t = re.sub(r"`([^`]+)`", r"<code>\1</code>", t)
    return t.replace("\n", "<br>")


def embed(e, files):
    colour = "#%06x" % e.get("color", 0x4F545C)
    parts = [f'<div class="embed" style="border-left-color:{colour}">']
    if e.get("title"):
        parts.append(f'<div class="title">{markdown(e["title"])}</div>')
    if e.get("description"):
        parts.append(f'<div class="desc">{markdown(e["description"])}</div>')
    fields = e.get("fields", [])
    if fields:
        parts.append('<div class="fields">')
        for f in fields:
            cls = "field inline" if f.get("inline") else "field"
            name = "" if f["name"] in ("\u200b", "") else markdown(f["name"])
            parts.append(f'<div class="{cls}"><div class="fname">{name}</div>'
                         f'<div class="fvalue">{markdown(f["value"])}</div></div>')
        parts.append("</div>")
    image = (e.get("image") or {}).get("url", "")
    if image.startswith("attachment://"):
        name = image[len("attachment://"):]
        saved = next((f["saved"] for f in files if f["filename"] == name), None)
        if saved:
            parts.append(f'<img class="image" src="{saved}">')
    if e.get("footer"):
        parts.append(f'<div class="footer">{markdown(e["footer"]["text"])}</div>')
    parts.append("</div>")
    return "".join(parts)


def component(c):
    """A button (a link button shows Discord's outbound arrow) or a select menu."""
    if c.get("type") == 3:
        return f'<span class="select">{html.escape(c.get("placeholder", "Choose…"))} ▾</span>'
    label = html.escape((c.get("emoji") or {}).get("name", "") + " " + c.get("label", "")).strip()
    if c.get("style") == 5:
        return f'<span class="button">{label} ↗</span>'
    return f'<span class="button">{label}</span>'


def buttons(message):
    rows = []
    for row in message.get("components", []):
        labels = "".join(component(c) for c in row.get("components", []))
        rows.append(f'<div class="row">{labels}</div>')
    return "".join(rows)


def main():
    import sys
    only = set(sys.argv[1:])
    blocks = []
    for path in sorted(OUT.glob("*.json"), key=lambda p: int(p.stem)):
        if only and path.stem not in only:
            continue
        record = json.loads(path.read_text())
        m = record["message"]
        body = [f'<div class="asked">{html.escape(record["asked"])}</div>',
                '<div class="bot">PEEL Bot <span class="tag">APP</span></div>']
        if m.get("content"):
            body.append(f'<div class="content">{markdown(m["content"])}</div>')
        body.extend(embed(e, record["files"]) for e in m.get("embeds", []))
        body.append(buttons(m))
        if m.get("flags", 0) & 64:
            body.append('<div class="ephemeral">👁 Only you can see this · Dismiss message</div>')
        blocks.append('<div class="msg">' + "".join(body) + "</div>")
    page = f"""<!doctype html><meta charset="utf-8"><style>
body {{ background:#313338; color:#dbdee1; font:15px/1.375 "gg sans","Noto Sans",sans-serif; margin:0; padding:16px; width:860px }}
.msg {{ padding:8px 16px 16px 16px; border-bottom:1px solid #3f4147 }}
.asked {{ color:#949ba4; font-size:13px; margin-bottom:4px }}
.bot {{ color:#f2f3f5; font-weight:600 }} .tag {{ background:#5865f2; color:#fff; font-size:10px; padding:1px 4px; border-radius:3px }}
.embed {{ background:#2b2d31; border-left:4px solid; border-radius:4px; padding:8px 16px 16px 12px; margin-top:6px; max-width:520px }}
.title {{ color:#f2f3f5; font-weight:600; margin:8px 0 }} .desc {{ font-size:14px }}
.fields {{ display:grid; grid-template-columns:repeat(3,1fr); gap:8px; margin-top:8px }}
.field {{ grid-column:1/-1; font-size:14px }} .field.inline {{ grid-column:auto }}
.fname {{ color:#f2f3f5; font-weight:600 }} a {{ color:#00a8fc; text-decoration:none }}
.image {{ max-width:100%; margin-top:16px; border-radius:4px }}
.footer {{ color:#949ba4; font-size:12px; margin-top:8px }}
.ephemeral {{ color:#949ba4; font-size:12px; margin-top:6px }}
.select {{ display:inline-block; background:#1e1f22; color:#949ba4; padding:0 12px; border-radius:4px; width:400px; line-height:40px; font-size:14px }}
.cmd {{ background:#3c4270; color:#c9cdfb; border-radius:3px; padding:0 2px; font-weight:500 }}
code {{ background:#1e1f22; border-radius:3px; padding:0 3px; font-size:13px }}
.row {{ margin-top:8px }} .button {{ display:inline-block; background:#4e5058; color:#fff; padding:2px 16px; border-radius:3px; margin-right:8px; font-size:14px; line-height:32px }}
</style>{"".join(blocks)}"""
    (OUT / "replies.html").write_text(page)
    print(OUT / "replies.html")


if __name__ == "__main__":
    main()
