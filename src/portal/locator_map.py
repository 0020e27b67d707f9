"""A locator map drawn from real geodata: Natural Earth country outlines (as TopoJSON in
the `world-atlas` npm package), the province's country highlighted and a marker at a
point given in mkdocs.yml. Written as a small SVG so it costs almost nothing on a phone.
"""

from __future__ import annotations

import json
import math
from html import escape
from pathlib import Path


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs (quantised, delta-encoded) as lists of (longitude, latitude)."""
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def rings(geometry: dict, arcs: list) -> list[list[tuple[float, float]]]:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    found = []
    for polygon in polygons:
        for ring in polygon:
            points: list[tuple[float, float]] = []
            for index in ring:
                arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
                points.extend(arc if not points else arc[1:])
            found.append(points)
    return found


def draw(topology: dict, country_id: str, marker: tuple[float, float], label: str,
         box: tuple[float, float, float, float], width: int = 480) -> str:
    """SVG of ``box`` (west, south, east, north) with the country filled and a marker."""
    west, south, east, north = box
    aspect = math.cos(math.radians((south + north) / 2))  # equirectangular, true near the centre
    scale = width / ((east - west) * aspect)
    height = round((north - south) * scale)

    def project(lon: float, lat: float) -> str:
        return f"{(lon - west) * aspect * scale:.0f},{(north - lat) * scale:.0f}"

    def inside(lon: float, lat: float) -> bool:
        return west - 1 <= lon <= east + 1 and south - 1 <= lat <= north + 1

    def visible_path(ring) -> str:
        """Whole pixels, points outside the view clamped onto its margin, no repeated
        points: the file stays small and what shows is unchanged."""
        projected = []
        for lon, lat in ring:
            xy = project(min(max(lon, west - 1), east + 1), min(max(lat, south - 1), north + 1))
            if not projected or projected[-1] != xy:
                projected.append(xy)
        return "M" + " L".join(projected) + "Z" if len(projected) > 2 else ""

    arcs = decode_arcs(topology)
    paths = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if "arcs" not in geometry:
            continue
        shapes = rings(geometry, arcs)
        data = " ".join(filter(None, (visible_path(ring) for ring in shapes if any(inside(*p) for p in ring))))
        if not data:
            continue
        highlighted = geometry.get("id") == country_id
        paths.append(f'<path d="{data}" class="{"home" if highlighted else "land"}"/>')
    x, y = project(*marker).split(",")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
            f'aria-labelledby="locator-title"><title id="locator-title">{escape(label)}</title>'
            '<style>.sea{fill:#d7eef5}.land{fill:#e8e4d8;stroke:#9e9a8f;stroke-width:.6}'
            '.home{fill:#7fb8ae;stroke:#00695c;stroke-width:.8}.mark{fill:#b71c1c;stroke:#fff;stroke-width:2}</style>'
            f'<rect class="sea" width="{width}" height="{height}"/>{"".join(paths)}'
            f'<circle class="mark" cx="{x}" cy="{y}" r="7"/></svg>\n')


def make(topology_file: Path, country_id: str, marker: tuple[float, float], label: str,
         box: tuple[float, float, float, float]) -> str:
    return draw(json.loads(topology_file.read_text(encoding="utf-8")), country_id, marker, label, box)
