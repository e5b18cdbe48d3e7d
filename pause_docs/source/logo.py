"""The council's logo: an ordinary file inside the project, read bounded, and, when it is an
SVG, a plain drawing that can carry no script and fetch nothing.

The logo is published beside every page, where a browser opening it would run whatever it
holds.  A pattern over the bytes cannot tell (a namespaced `<s:script>`, `&#106;avascript:`
or an entity expanding to `<script>` slip past one), so the SVG is parsed with expat,
namespace-aware, with no DTD or entity of its own, and every element and attribute is
checked against the ones a drawing needs: shapes, text, gradients, clip paths, masks,
filters.  Links (`href`, `xlink:href`, CSS `url()`) may point only inside the file (`#id`).
"""

from __future__ import annotations

import io
import os
import re
import warnings
from pathlib import Path
from xml.parsers import expat

from .reader import NotReadable, outside, read_regular

MAX_LOGO_BYTES = 2_000_000
MAX_DEPTH = 100
MAX_ELEMENTS = 50_000
MAX_PIXELS = 25_000_000  # 5,000 × 5,000: far more than a logo a few lines high needs
MEDIA_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
               ".jpeg": "image/jpeg"}

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
EDITORS = {  # what drawing programs write about a drawing: browsers ignore it
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://web.resource.org/cc/",
    "http://purl.org/dc/elements/1.1/",
    "http://purl.org/dc/terms/",
}
ACTIVE = {"script", "foreignobject", "iframe", "object", "embed", "handler", "listener",
          "html", "body", "frame", "frameset", "applet", "base", "link", "meta"}



def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ELEMENTS = _words("""
svg g defs title desc metadata symbol use switch path rect circle ellipse line polyline
polygon text tspan textPath linearGradient radialGradient stop clipPath mask pattern marker
style filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix
feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG
feFuncR feGaussianBlur feMerge feMergeNode feMorphology feOffset fePointLight
feSpecularLighting feSpotLight feTile feTurbulence
""")

ATTRIBUTES = _words("""
id class style transform viewBox preserveAspectRatio width height x y x1 y1 x2 y2 cx cy r rx
ry fx fy fr d points pathLength version baseProfile lang href
fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap stroke-linejoin
stroke-miterlimit stroke-dasharray stroke-dashoffset opacity color display visibility overflow
clip clip-path clip-rule clipPathUnits mask maskUnits maskContentUnits filter filterUnits
primitiveUnits stop-color stop-opacity offset gradientUnits gradientTransform spreadMethod
patternUnits patternContentUnits patternTransform font font-family font-size font-weight
font-style font-variant font-stretch font-size-adjust letter-spacing word-spacing text-anchor
text-decoration dominant-baseline alignment-baseline baseline-shift writing-mode direction
unicode-bidi dx dy rotate textLength lengthAdjust startOffset method spacing side
marker-start marker-mid marker-end markerWidth markerHeight markerUnits refX refY orient
color-interpolation color-interpolation-filters color-rendering shape-rendering
text-rendering image-rendering mix-blend-mode isolation vector-effect paint-order
flood-color flood-opacity lighting-color enable-background in in2 result stdDeviation mode
operator k1 k2 k3 k4 values type tableValues slope intercept amplitude exponent
baseFrequency numOctaves seed stitchTiles scale xChannelSelector yChannelSelector radius
order kernelMatrix divisor bias targetX targetY edgeMode kernelUnitLength preserveAlpha
surfaceScale specularConstant specularExponent diffuseConstant azimuth elevation z
pointsAtX pointsAtY pointsAtZ limitingConeAngle requiredFeatures requiredExtensions
systemLanguage role aria-label aria-hidden aria-labelledby aria-describedby focusable media
""")
LINKS = {"href", f"{XLINK} href"}
XLINK_INERT = {f"{XLINK} title", f"{XLINK} type", f"{XLINK} actuate", f"{XLINK} show"}
XML_ATTRIBUTES = {f"{XML} space", f"{XML} lang"}

_URL = re.compile(r"url\s*\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)
_OWN = re.compile(r"#[A-Za-z_][\w.:-]*")
_SCRIPT = re.compile(r"javascript:|vbscript:", re.I)
_CSS_DANGER = re.compile(r"@import|expression\s*\(|behavior\s*:|-moz-binding|\\", re.I)
_CONTROL = re.compile(r"[\x00-\x20]+")


class UnsafeSvg(Exception):
    """Why an SVG cannot be published, and where in it (line, column)."""

    def __init__(self, reason: str, line: int = 0, column: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = f"line {self.line}, column {self.column}: " if self.line else ""
        return f"{where}{self.reason}"


def media_type(name: str) -> str:
    """The content type a logo named `name` is served with (its name ends as `validate`
    requires: .svg, .png, .jpg or .jpeg)."""
    return MEDIA_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")


def read_logo(image: Path, root: Path) -> bytes:
    """The bytes of the logo at `image`, which must be an ordinary file inside the folder
    `root` once links are followed, at most MAX_LOGO_BYTES, and (an SVG) a plain drawing.

    Raises NotReadable with code 'missing-logo', 'outside-project', 'not-a-file',
    'file-too-large', 'unreadable' or 'unsafe-logo'.
    """
    if not os.path.lexists(image):
        raise NotReadable("missing-logo", "there is no such file")
    away = outside(image, root)
    if away:
        raise NotReadable("outside-project", away)
    data = read_regular(image, MAX_LOGO_BYTES)
    try:
        if image.suffix.lower() == ".svg":
            check_svg(data)
        else:
            _check_picture(image.suffix.lower(), data)
    except UnsafeSvg as exc:
        raise NotReadable("unsafe-logo", str(exc)) from exc
    return data


def _check_picture(suffix: str, data: bytes) -> None:
    if suffix == ".png" and not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise UnsafeSvg("it is not a PNG picture, though its name ends .png")
    if suffix in (".jpg", ".jpeg") and not data.startswith(b"\xff\xd8\xff"):
        raise UnsafeSvg(f"it is not a JPEG picture, though its name ends {suffix}")
    _check_decodes(data)


def _check_decodes(data: bytes) -> None:
    """The picture is whole and of a logo's size: decoded here, as the PDF and Word writers
    will decode it, so that one cut short, damaged or claiming billions of pixels is refused
    by validate with the reason, not found out half-way through a build."""
    from PIL import Image, ImageFile  # WeasyPrint's own reader of pictures

    # WeasyPrint, once imported, lets a picture cut short through (LOAD_TRUNCATED_IMAGES);
    # Word's writer would fail on it, so here it is refused.
    lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as picture:
                width, height = picture.size
                if width * height > MAX_PIXELS:
                    raise UnsafeSvg(_too_many(f"{width:,} × {height:,} pixels"))
                picture.load()
    except UnsafeSvg:
        raise
    except Image.DecompressionBombError as exc:
        most = 2 * (Image.MAX_IMAGE_PIXELS or 0)  # Pillow refuses a picture above this
        raise UnsafeSvg(_too_many(f"more than {most:,} pixels")) from exc
    except Exception as exc:  # noqa: BLE001 - a damaged file makes Pillow raise any kind
        reason = str(exc).strip() or type(exc).__name__
        raise UnsafeSvg(f"the picture cannot be read ({reason}): it is cut short or "
                        "damaged") from exc
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient


def _too_many(size: str) -> str:
    return f"a picture of {size}, far more than a logo needs (at most {MAX_PIXELS:,})"


def check_svg(data: bytes) -> None:
    """Raise UnsafeSvg unless `data` is a well-formed SVG drawing with nothing active in it."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnsafeSvg("the file is not UTF-8 text (save it as UTF-8)") from exc
    checker = _Checker()
    try:
        checker.parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise UnsafeSvg(f"not well-formed XML ({expat.ErrorString(exc.code)})",
                        exc.lineno, exc.offset + 1) from exc
    if not checker.seen_root:
        raise UnsafeSvg("no <svg> element")
    if not _sized(checker.root):
        raise UnsafeSvg("the drawing has no size of its own, so it cannot be printed: give its "
                        '<svg> element a viewBox (such as viewBox="0 0 200 80"), as drawing '
                        "programs do when they export a plain SVG", 1, 1)


_LENGTH = re.compile(r"\s*([0-9.eE+-]+)\s*(?:px|pt|pc|mm|cm|in)?\s*")


def _sized(root: dict[str, str]) -> bool:
    """Whether the <svg> says how big it is (a viewBox, or an absolute width and height), as
    the PDF and Word writers need to draw it."""
    box = re.split(r"[\s,]+", root.get("viewBox", "").strip())
    if len(box) == 4:
        return all(0 < n < 1e7 for n in map(_number, box[2:]))
    lengths = [_LENGTH.fullmatch(root.get(side, "")) for side in ("width", "height")]
    return all(found is not None and 0 < _number(found[1]) < 1e7 for found in lengths)


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


class _Checker:
    """Expat's handlers: each raises UnsafeSvg at the first thing a drawing must not hold."""

    def __init__(self) -> None:
        p = expat.ParserCreate(namespace_separator=" ")
        p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        p.StartDoctypeDeclHandler = self.doctype
        p.EntityDeclHandler = self.entity
        p.UnparsedEntityDeclHandler = self.entity
        p.ExternalEntityRefHandler = self.external
        p.ProcessingInstructionHandler = self.instruction
        p.XmlDeclHandler = self.declaration
        p.StartElementHandler = self.start
        p.EndElementHandler = self.end
        p.CharacterDataHandler = self.text
        p.SkippedEntityHandler = self.skipped
        self.parser = p
        self.depth = 0
        self.elements = 0
        self.seen_root = False
        self.root: dict[str, str] = {}
        self.in_style = False

    def fail(self, reason: str) -> None:
        raise UnsafeSvg(reason, self.parser.CurrentLineNumber,
                        self.parser.CurrentColumnNumber + 1)

    def doctype(self, name: str, system: str | None, public: str | None,
                internal: int) -> None:
        if internal or name != "svg":
            self.fail("a DOCTYPE with declarations of its own (entities can hide a script "
                      "or read other files): remove the <!DOCTYPE …> part")

    def entity(self, *args: object) -> None:
        self.fail("an entity declaration: remove the <!DOCTYPE …> part")

    def external(self, *args: object) -> int:
        self.fail("a reference to an external entity, which would read another file")
        return 0

    def skipped(self, name: str, is_parameter: int) -> None:
        self.fail(f"an entity '&{name};' this file does not define")

    def instruction(self, target: str, data: str) -> None:
        self.fail(f"a processing instruction <?{target} …?> (a stylesheet or program the "
                  "browser would load): remove it")

    def declaration(self, version: str | None, encoding: str | None, standalone: int) -> None:
        if encoding is not None and encoding.lower() not in ("utf-8", "utf8"):
            self.fail(f"declared in the encoding '{encoding}': save it as UTF-8")

    def start(self, name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        self.depth += 1
        self.elements += 1
        if self.depth > MAX_DEPTH or self.elements > MAX_ELEMENTS:
            self.fail(f"more than {MAX_DEPTH} levels deep or {MAX_ELEMENTS:,} elements: "
                      "not a logo")
        if local.lower() in ACTIVE:
            self.fail(f"a <{local}> element, which can run a script or show another page")
        if not self.seen_root and (namespace, local) != (SVG, "svg"):
            self.fail(f"the drawing starts with <{local}>, not an SVG <svg> element")
        if not self.seen_root:
            self.root = attributes
        self.seen_root = True
        if namespace == SVG and local not in ELEMENTS:
            self.fail(f"a <{local}> element, which a logo does not need (a picture, link, "
                      "animation or font is not allowed): export it as a plain SVG")
        if namespace not in (SVG, *EDITORS):
            self.fail(f"a <{local}> element from '{namespace or 'no namespace'}', which is "
                      "not SVG")
        for attribute, value in attributes.items():
            self.attribute(namespace, attribute, value)
        self.in_style = namespace == SVG and local == "style"

    def attribute(self, element_namespace: str, name: str, value: str) -> None:
        namespace, _, local = name.rpartition(" ")
        if local.lower().startswith("on"):
            self.fail(f"an event handler '{local}', which runs a script")
        if name in LINKS:
            if not _OWN.fullmatch(value.strip()):
                self.fail(f"a link to '{_short(value)}': a logo may point only at a part of "
                          "itself ('#id')")
        elif not (name in XLINK_INERT or name in XML_ATTRIBUTES or namespace in EDITORS
                  or (not namespace and element_namespace in EDITORS)
                  or (not namespace and (local in ATTRIBUTES or local.startswith("data-")))):
            self.fail(f"an attribute '{local}' a drawing does not need")
        self.css(value, sheet=local == "style")

    def css(self, value: str, sheet: bool = True) -> None:
        """Refuse a value that fetches something (`url()` other than `#id`) or runs code;
        in a stylesheet (`sheet`), also an import, a script or an escape that could hide one."""
        bare = _CONTROL.sub("", value)
        if _SCRIPT.search(bare) or (sheet and _CSS_DANGER.search(bare)):
            self.fail(f"'{_short(value)}', which can load or run something")
        for match in _URL.finditer(value):
            if not _OWN.fullmatch(match.group(2).strip()):
                self.fail(f"url({_short(match.group(2))}): a logo may use only its own parts "
                          "('url(#id)')")

    def text(self, data: str) -> None:
        if self.in_style:
            self.css(data)

    def end(self, name: str) -> None:
        self.depth -= 1
        self.in_style = False


def _short(value: str) -> str:
    value = value.strip()
    shown = value if len(value) <= 60 else value[:57] + "…"
    return shown.encode("unicode_escape").decode("ascii") if not shown.isprintable() else shown
