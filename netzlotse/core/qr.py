"""QR codes as inline SVG, drawn on the server (the page fetches nothing)."""

import io

import qrcode
import qrcode.image.svg


def qr_svg(text: str, box_size: int = 8) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=box_size)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg"):]  # without the XML declaration, to sit inside the page
