"""The council's logo is published beside every page: it must be an ordinary file of the
project, read bounded, and (an SVG) a drawing that can carry no script and fetch nothing.
Twenty-odd hostile SVGs are refused with a located `unsafe-logo` error; five real logos pass."""

from __future__ import annotations

import io
import os
import struct
import warnings
import zlib
from pathlib import Path

import pytest
from conftest import COUNCIL_YAML

from pause_docs.source.loading import load_project
from pause_docs.source.logo import UnsafeSvg, check_svg, read_logo
from pause_docs.source.reader import NotReadable

LOGO = "logo:\n  file: crest.svg\n  alt: Example Borough Council\n"
NOTICE = ("kind: privacy-notice\ntitle: Help\npublished: 2026-07-01\nsummary: Help.\n"
          "sections:\n  - heading: What we do\n    show: summary\n")
OPEN = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'viewBox="0 0 100 40">')
CLOSE = "</svg>"


def inside(body: str) -> str:
    return OPEN + body + CLOSE


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'
                    for i in range(8)) + ']>' + inside("<text>&i;</text>"))

HOSTILE = {
    "namespaced script": '<svg xmlns="http://www.w3.org/2000/svg"><s:script '
                         'xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script></svg>',
    "script with cdata": inside("<script><![CDATA[alert(1)]]></script>"),
    "script by link": inside('<script xlink:href="https://evil.example/x.js"/>'),
    "entity-encoded javascript link": inside('<use xlink:href="&#106;avascript:alert(1)"/>'),
    "entity expanding to a script": '<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;alert(1)'
                                    '&#60;/script&#62;">]>' + inside("&x;"),
    "external entity": '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                       + inside("<text>&x;</text>"),
    "billion laughs": LAUGHS,
    "xhtml iframe": inside('<h:iframe xmlns:h="http://www.w3.org/1999/xhtml" '
                           'src="https://evil.example/"/>'),
    "xhtml script": inside('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)'
                           '</h:script>'),
    "foreignObject": inside('<foreignObject><body xmlns="http://www.w3.org/1999/xhtml">'
                            '<p>hi</p></body></foreignObject>'),
    "foreignObject elsewhere": inside('<x:foreignObject xmlns:x="urn:x"/>'),
    "event handler, odd case": inside('<rect width="1" height="1" oNlOaD="alert(1)"/>'),
    "event handler on the root": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "namespaced event handler": inside('<rect xmlns:e="urn:e" e:onclick="alert(1)"/>'),
    "https use": inside('<use href="https://evil.example/x.svg#a"/>'),
    "use of another file": inside('<use xlink:href="other.svg#a"/>'),
    "protocol-relative use": inside('<use href="//evil.example/x.svg#a"/>'),
    "file image": inside('<image href="file:///etc/passwd"/>'),
    "data image": inside('<image xlink:href="data:image/svg+xml;base64,PHN2Zy8+"/>'),
    "ftp link": inside('<use href="ftp://evil.example/x.svg#a"/>'),
    "vbscript link": inside('<use href="vbscript:msgbox(1)"/>'),
    "mailto link": inside('<use href="mailto:x@evil.example"/>'),
    "javascript link with spaces": inside('<use href=" java&#x09;script:alert(1)"/>'),
    "anchor": inside('<a href="https://evil.example/"><rect/></a>'),
    "animation setting a link": inside('<use href="#a"><set attributeName="href" '
                                       'to="javascript:alert(1)"/></use>'),
    "css url in style attribute": inside('<rect style="fill:url(https://evil.example/p#g)"/>'),
    "css url in fill": inside("<rect fill=\"url('http://evil.example/x#y')\"/>"),
    "css import": inside("<style>@import url(https://evil.example/x.css);</style>"),
    "css url in a stylesheet": inside("<style>rect{fill:url(//evil.example/x.svg#a)}</style>"),
    "css escape": inside("<style>rect{fill:u\\72l(https://evil.example/x)}</style>"),
    "css behavior": inside('<rect style="behavior:url(x.htc)"/>'),
    "stylesheet instruction": '<?xml-stylesheet href="https://evil.example/x.css"?>'
                              + inside("<rect/>"),
    "filter image": inside('<filter id="f"><feImage href="https://evil.example/x.png"/>'
                           "</filter>"),
    "xml base": inside('<rect xml:base="https://evil.example/"/>'),
    "not svg at all": '<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
    "mathml": inside('<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math>'),
    "xml events handler": inside('<handler xmlns="http://www.w3.org/2001/xml-events" '
                                 'event="load">alert(1)</handler>'),
    "another encoding": '<?xml version="1.0" encoding="ISO-8859-1"?>' + inside("<rect/>"),
    "deep nesting": OPEN + "<g>" * 5000 + "</g>" * 5000 + CLOSE,
    "not well-formed": OPEN + "<rect>",
}

HARMLESS = {
    "gradient": inside(
        '<defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#005ea5"/>'
        '<stop offset="1" stop-color="#fff" stop-opacity="0.5"/></linearGradient>'
        '<radialGradient id="r" cx=".5" cy=".5" r=".5" gradientUnits="objectBoundingBox">'
        '<stop offset="0" stop-color="red"/></radialGradient></defs>'
        '<rect width="40" height="20" fill="url(#g)"/><circle r="5" fill="url( \'#r\' )"/>'),
    "text": inside(
        '<title>Example Borough Council</title><desc>The crest</desc>'
        '<text x="5" y="15" font-family="Arial, sans-serif" font-size="12" text-anchor="start" '
        'xml:space="preserve">Example <tspan font-weight="bold" dy="1">Borough</tspan></text>'),
    "clip path and use": inside(
        '<defs><clipPath id="c"><circle cx="10" cy="10" r="8"/></clipPath>'
        '<symbol id="s" viewBox="0 0 10 10"><path d="M0 0L10 10Z"/></symbol></defs>'
        '<g clip-path="url(#c)" transform="translate(1 1)"><rect width="20" height="20"/>'
        '</g><use xlink:href="#s" x="20" width="10" height="10"/><use href="#s"/>'),
    "inkscape export": (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!-- Created with Inkscape -->'
        '\n<svg xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cc="http://creativecommons.org'
        '/ns#" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:svg="http://www.w3.org/2000/svg" xmlns="http://www.w3.org/2000/svg" '
        'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" '
        'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="210mm" '
        'height="297mm" viewBox="0 0 210 297" version="1.1" id="svg8" '
        'inkscape:version="1.0" sodipodi:docname="crest.svg" '
        'inkscape:export-filename="C:\\Users\\me\\crest.png">'
        '<sodipodi:namedview id="base" pagecolor="#ffffff" inkscape:zoom="0.35"/>'
        '<metadata id="m"><rdf:RDF><cc:Work rdf:about=""><dc:format>image/svg+xml</dc:format>'
        '<dc:type rdf:resource="http://purl.org/dc/dcmitype/StillImage"/><dc:title/></cc:Work>'
        '</rdf:RDF></metadata><g inkscape:label="Layer 1" inkscape:groupmode="layer" id="l1">'
        '<path style="fill:#005ea5;stroke:none;stroke-width:0.26" d="m 10,10 h 50 v 20 z" '
        'id="p1" sodipodi:nodetypes="cccc"/></g></svg>'),
    "styled, with a doctype, mask and filter": (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' + inside(
            '<style type="text/css">.a{fill:#005ea5}.b{fill:url(#m1);font-family:"Gill Sans"}'
            '</style><defs><mask id="m1"><rect width="9" height="9" fill="white"/></mask>'
            '<filter id="f"><feGaussianBlur in="SourceGraphic" stdDeviation="2" result="b"/>'
            '<feOffset dx="1" dy="1"/><feMerge><feMergeNode in="b"/></feMerge></filter></defs>'
            '<polygon class="a" points="0,0 10,0 5,8" filter="url(#f)" mask="url(#m1)"/>'
            '<ellipse class="b" cx="5" cy="5" rx="4" ry="2" data-name="oval"/>')),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_svg_is_refused_with_where_in_it(name: str) -> None:
    with pytest.raises(UnsafeSvg) as caught:
        check_svg(HOSTILE[name].encode())
    assert caught.value.reason


@pytest.mark.parametrize("name", sorted(HARMLESS))
def test_a_real_logo_passes(name: str) -> None:
    check_svg(HARMLESS[name].encode())


def test_enough_of_each_kind_are_tried() -> None:
    assert len(HOSTILE) >= 20 and len(HARMLESS) >= 5


def council(project, logo_file: str = "crest.svg"):  # type: ignore[no-untyped-def]
    return project({"councils/example/council.yaml": COUNCIL_YAML
                    + LOGO.replace("crest.svg", logo_file),
                    "councils/example/notice.yaml": NOTICE})


def the_problem(root: Path) -> tuple[str, str, int, str]:
    (problem,) = load_project(root).problems
    return (problem.code, problem.location.path, problem.location.line, problem.message)


@pytest.mark.parametrize("name", ["namespaced script", "entity-encoded javascript link",
                                  "entity expanding to a script", "xhtml iframe"])
def test_validate_refuses_each_hole_of_the_last_attack_round(project, name: str) -> None:
    root = council(project)
    (root / "councils/example/crest.svg").write_text(HOSTILE[name])
    code, path, line, message = the_problem(root)
    assert (code, path, line) == ("unsafe-logo", "councils/example/council.yaml", 11)
    assert "crest.svg" in message and "line 1, column" in message


def test_a_harmless_logo_loads_without_a_problem(project) -> None:
    root = council(project)
    (root / "councils/example/crest.svg").write_text(HARMLESS["inkscape export"])
    assert load_project(root).problems == []


def test_a_logo_linked_to_a_file_outside_the_project_is_refused(project) -> None:
    root = council(project, "logo.png")
    (root / "councils/example/logo.png").symlink_to("/etc/passwd")
    code, path, line, message = the_problem(root)
    assert (code, path, line) == ("outside-project", "councils/example/council.yaml", 11)
    assert "/etc/passwd" in message


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_logo_linked_to_a_device_is_refused_at_once(project, device: str) -> None:
    root = council(project, "logo.png")
    (root / "councils/example/logo.png").symlink_to(device)
    assert the_problem(root)[0] == "outside-project"


def test_a_logo_that_is_a_pipe_or_a_folder_is_not_a_file(project) -> None:
    root = council(project, "logo.png")
    os.mkfifo(root / "councils/example/logo.png")  # opened and read, it would wait forever
    code, _, _, message = the_problem(root)
    assert code == "not-a-file" and "named pipe" in message
    os.unlink(root / "councils/example/logo.png")
    (root / "councils/example/logo.png").mkdir()
    assert the_problem(root)[0] == "not-a-file"


def test_a_huge_logo_or_one_misnamed_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    with big.open("wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n")
        out.truncate(10_000_000)
    with pytest.raises(NotReadable) as caught:
        read_logo(big, tmp_path)
    assert caught.value.code == "file-too-large"
    fake = tmp_path / "fake.png"
    fake.write_text(HOSTILE["namespaced script"])  # a browser might sniff it as an SVG
    with pytest.raises(NotReadable) as caught:
        read_logo(fake, tmp_path)
    assert caught.value.code == "unsafe-logo" and "not a PNG" in caught.value.message


def made_picture(fmt: str, size: tuple[int, int], mode: str = "RGB") -> bytes:
    """A real picture, encoded by Pillow."""
    from PIL import Image

    out = io.BytesIO()
    Image.new(mode, size, "red" if mode != "1" else 1).save(out, fmt)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header says width × height, holding one row of data."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * (1 + 3 * min(width, 4096))))
            + chunk(b"IEND", b""))


def jpeg_claiming(width: int, height: int) -> bytes:
    """A real JPEG whose frame header is made to say width × height (at most 65,535)."""
    data = bytearray(made_picture("JPEG", (120, 40)))
    frame = data.index(b"\xff\xc0")
    data[frame + 5:frame + 9] = struct.pack(">HH", min(height, 65_535), min(width, 65_535))
    return bytes(data)


PICTURES = {  # found by the fuzz run: each passed validate, then failed the build
    "png cut short": (made_picture("PNG", (120, 40), "RGBA")[:60], "logo.png",
                      "the picture cannot be read (image file is truncated): it is cut short "
                      "or damaged"),
    "png of 144 million pixels": (png_claiming(12_000, 12_000), "logo.png",
                                  "a picture of 12,000 × 12,000 pixels, far more than a logo "
                                  "needs (at most 25,000,000)"),
    "jpeg of 4 billion pixels": (jpeg_claiming(65_535, 65_535), "logo.jpg",
                                 "a picture of more than 178,956,970 pixels"),
    "jpeg damaged": (made_picture("JPEG", (64, 64))[:200] + b"\0" * 50, "logo.jpeg",
                     "the picture cannot be read"),
}


@pytest.mark.parametrize("name", sorted(PICTURES))
def test_a_picture_cut_short_or_of_too_many_pixels_is_refused(tmp_path: Path,
                                                              name: str) -> None:
    data, file, reason = PICTURES[name]
    (tmp_path / file).write_bytes(data)
    with warnings.catch_warnings(), pytest.raises(NotReadable) as caught:
        warnings.simplefilter("error")  # Pillow's warning of a "decompression bomb" is not shown
        read_logo(tmp_path / file, tmp_path)
    assert caught.value.code == "unsafe-logo" and reason in caught.value.message


@pytest.mark.parametrize(("fmt", "mode", "file"), [("PNG", "RGBA", "logo.png"),
                                                   ("PNG", "P", "logo.png"),
                                                   ("JPEG", "RGB", "logo.jpg"),
                                                   ("JPEG", "L", "logo.jpeg")])
def test_a_whole_picture_of_a_logos_size_passes(tmp_path: Path, fmt: str, mode: str,
                                                file: str) -> None:
    data = made_picture(fmt, (600, 200), mode)
    (tmp_path / file).write_bytes(data)
    assert read_logo(tmp_path / file, tmp_path) == data


@pytest.mark.parametrize("root", ['<svg xmlns="http://www.w3.org/2000/svg">',
                                  '<svg xmlns="http://www.w3.org/2000/svg" width="100%" '
                                  'height="40">',
                                  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 0 0">'])
def test_a_drawing_without_a_size_is_refused(root: str) -> None:
    """Found by the fuzz run: Word's writer cannot draw it ("The SVG size is undefined")."""
    with pytest.raises(UnsafeSvg) as caught:
        check_svg((root + '<rect width="9" height="9"/></svg>').encode())
    assert "no size of its own" in caught.value.reason and 'viewBox="0 0 200 80"' in str(
        caught.value)


@pytest.mark.parametrize("root", ['viewBox="0 0 200 80"', 'viewBox="0,0,1.5,2e1"',
                                  'width="200" height="80"', 'width="21cm" height="3cm"'])
def test_a_drawing_with_a_size_passes(root: str) -> None:
    check_svg(f'<svg xmlns="http://www.w3.org/2000/svg" {root}><rect/></svg>'.encode())
