"""Peak memory of a web process that takes the largest image upload the site accepts.

    .venv/bin/python bench/upload_memory.py
    .venv/bin/python bench/upload_memory.py --pixels 24000000   # another IMAGE_MAX_PIXELS

Makes the largest accepted pictures (IMAGE_MAX_PIXELS, under IMAGE_MAX_UPLOAD_BYTES): a JPEG, an
opaque PNG and a PNG with transparency. Each is processed in a fresh process under production
settings, as an editor's upload is in a gunicorn worker: in a thread (gunicorn's gthread
workers), from a file on disk (Django spools uploads over FILE_UPLOAD_MAX_MEMORY_SIZE to a
temporary file), through the admin form field's check and the model field's save (decode,
normalise, store the original, make every rendition) into a temporary MEDIA_ROOT. Prints, per
picture, the process's resident memory before, at its peak (the kernel's VmHWM) and after each
of two uploads of it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

MIB = 1024 * 1024
UPLOADS = 2  # of the same picture, one after the other, in the same process


def status_mib(field: str) -> float:
    """A VmXXX line of /proc/self/status, in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise LookupError(field)


def make_picture(path: Path, kind: str, pixels: int) -> None:
    """A picture of ``pixels`` pixels (4:3) whose file stays under the byte limit: smooth
    gradients and shapes (a PNG of a real photograph this large would be over the limit)."""
    from PIL import Image, ImageDraw

    width = int((pixels * 4 / 3) ** 0.5)
    height = pixels // width
    gradient = Image.linear_gradient("L")
    red = gradient.resize((width, height))
    green = gradient.rotate(90).resize((width, height))
    blue = Image.radial_gradient("L").resize((width, height))
    picture = Image.merge("RGB", (red, green, blue))
    draw = ImageDraw.Draw(picture)
    for n in range(40):
        x, y = (n * 7919) % width, (n * 104729) % height
        draw.ellipse((x, y, x + width // 10, y + height // 10), fill=(n * 6 % 256, 90, 200 - n * 4 % 200))
    if kind == "jpeg":
        picture.save(path, "JPEG", quality=90)
    elif kind == "png-alpha":
        picture.putalpha(gradient.rotate(45).resize((width, height)))
        picture.save(path, "PNG")
    else:
        picture.save(path, "PNG")


def child(path: Path) -> None:
    """Process one upload as a worker would; print the memory figures as JSON."""
    import django

    django.setup()
    import PIL.Image  # noqa: F401 - a worker that has handled an upload has Pillow loaded
    from django.core.files.uploadedfile import TemporaryUploadedFile

    from library.models import Image as LibraryImage
    from starcity_site.images.fields import ImageUploadFormField

    before = status_mib("VmRSS")
    result = {}

    def upload() -> None:
        content_type = "image/jpeg" if path.suffix == ".jpg" else "image/png"
        spooled = TemporaryUploadedFile(path.name, content_type, path.stat().st_size, None)
        with path.open("rb") as source:
            while chunk := source.read(MIB):
                spooled.write(chunk)
        spooled.seek(0)
        checked = ImageUploadFormField().clean(spooled)
        picture = LibraryImage(title="Benchmark", image=checked, image_alt="A picture")
        LibraryImage._meta.get_field("image").prepare(picture)
        result.update(width=picture.image_width, height=picture.image_height)
        spooled.close()

    import gc

    after = []
    for _ in range(UPLOADS):  # a second upload shows whether what the first left behind is reused
        worker = threading.Thread(target=upload)
        worker.start()
        worker.join()
        gc.collect()
        after.append(status_mib("VmRSS"))
    result.update(before_mib=before, peak_mib=status_mib("VmHWM"), after_mib=after)
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pixels", type=int, help="IMAGE_MAX_PIXELS (default: the settings' value)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    opts = parser.parse_args()
    if opts.child:
        child(opts.child)
        return

    from tests.reliability.services import production_env

    workdir = Path(tempfile.mkdtemp(prefix="starcity-upload-memory-"))
    env = production_env(
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_ROOT=str(workdir / "static"),
        # As the Procfile starts the web process.
        MALLOC_ARENA_MAX="2",
    )
    if opts.pixels:
        env["IMAGE_MAX_PIXELS"] = str(opts.pixels)
    settings = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, json; django.setup(); from django.conf import settings;"
            "print(json.dumps([settings.IMAGE_MAX_PIXELS, settings.IMAGE_MAX_UPLOAD_BYTES]))",
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    pixels, max_bytes = json.loads(settings.stdout.strip().splitlines()[-1])
    print(f"IMAGE_MAX_PIXELS={pixels:,}  IMAGE_MAX_UPLOAD_BYTES={max_bytes:,}")
    for kind, suffix in (("jpeg", "jpg"), ("png", "png"), ("png-alpha", "png")):
        picture = workdir / f"largest-{kind}.{suffix}"
        make_picture(picture, kind, pixels)
        size = picture.stat().st_size
        assert size <= max_bytes, f"{picture.name} is {size:,} bytes, over the upload limit"
        run = subprocess.run(
            [sys.executable, __file__, "--child", str(picture)],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
        )
        if run.returncode != 0:
            raise SystemExit(f"{kind}: the upload failed:\n{run.stderr[-3000:]}")
        figures = json.loads(run.stdout.strip().splitlines()[-1])
        print(
            f"{kind:10} {size / MIB:5.1f} MiB file, stored {figures['width']}x{figures['height']}:"
            f" RSS {figures['before_mib']:.0f} MiB before, peak {figures['peak_mib']:.0f} MiB,"
            f" after each upload {', '.join(f'{m:.0f}' for m in figures['after_mib'])} MiB"
        )


if __name__ == "__main__":
    main()
