#!/usr/bin/env python3
"""Writes a static site for the crawl benchmark (bench/crawl-vs-wget.sh).

usage: make-crawl-site.py OUT_DIR [--sites 8] [--sections 32] [--articles 20] [--seed 1]

OUT_DIR/site<i>/127.0.0.1/ is the document root of site i, served by its own vestige-testserver
(one port per site: the Host header is 127.0.0.1:<port>, so the virtual host folder is
"127.0.0.1"). Each site: a home page linking to its sections, each section linking to its
articles, each article linking to its section, its neighbours and the home page. Every link is
relative, so a crawl of one site never leaves its host and port. Pages are news-like HTML of
about 8-14 KB of words drawn from a fixed vocabulary; the output is deterministic for a seed.
Prints the number of pages written (robots.txt and sitemaps are absent: both crawlers get 404s).
"""
import argparse
import os
import random

WORDS = (
    "the of and to in a is that for it as was with be by on not he this are or his from at which "
    "but have an they you were her she there been one all we their has would when if so no will "
    "court report statement witness police detention protest journalist election minister city "
    "region official charge sentence prison lawyer trial evidence archive document interview "
    "rights freedom press release government parliament council agency village street morning "
    "evening week month year people family house school hospital road river market station"
).split()


def paragraph(rng, words):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def page(rng, title, nav, links, paragraphs):
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<title>%s</title></head><body>" % title,
        "<header><nav>%s</nav></header><main><h1>%s</h1>" % (nav, title),
    ]
    for _ in range(paragraphs):
        parts.append("<p>%s</p>" % paragraph(rng, rng.randint(60, 110)))
    parts.append("<ul>")
    for href, text in links:
        parts.append("<li><a href=\"%s\">%s</a></li>" % (href, text))
    parts.append("</ul></main><footer><p>%s</p></footer></body></html>\n" % paragraph(rng, 20))
    return "".join(parts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--sites", type=int, default=8)
    ap.add_argument("--sections", type=int, default=32)
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    total = 0
    for s in range(args.sites):
        root = os.path.join(args.out, "site%d" % s, "127.0.0.1")
        nav = " ".join("<a href=\"/s%d/\">Section %d</a>" % (i, i) for i in range(8))
        nav = "<a href=\"/\">Home</a> " + nav

        def write(path, text):
            full = os.path.join(root, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8") as f:
                f.write(text)

        home_links = [("/s%d/" % i, "Section %d" % i) for i in range(args.sections)]
        write("index.html", page(rng, "Site %d" % s, nav, home_links, 6))
        total += 1
        for i in range(args.sections):
            links = [("a%d.html" % j, "Article %d" % j) for j in range(args.articles)]
            write("s%d/index.html" % i, page(rng, "Section %d" % i, nav, links, 3))
            total += 1
            for j in range(args.articles):
                links = [("/s%d/" % i, "Back to section %d" % i),
                         ("a%d.html" % ((j + 1) % args.articles), "Next"),
                         ("a%d.html" % ((j - 1) % args.articles), "Previous"),
                         ("/s%d/a%d.html" % ((i + 1) % args.sections, j), "Elsewhere")]
                write("s%d/a%d.html" % (i, j),
                      page(rng, "Article %d.%d" % (i, j), nav, links, rng.randint(5, 9)))
                total += 1
    print(total)


if __name__ == "__main__":
    main()
