"""Image uploads: validation, re-encoding, renditions, cleanup and the {% picture %} tag.

Every picture is generated here with Pillow (or, for the decompression bomb, written chunk by
chunk so the test itself never holds 400 megapixels in memory).
"""

from __future__ import annotations

import re
import struct
import tracemalloc
import zlib
from io import BytesIO, StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from PIL import Image, ImageCms

from library.models import Image as LibraryImage
from starcity_site.images import validate_image_upload
from starcity_site.images.renditions import (
    SHAPES,
    WIDTHS,
    crop_box,
    rendition_name,
    rendition_url_builder,
    widths_for,
)

pytestmark = pytest.mark.django_db


# --- generated files ---------------------------------------------------------------------------
def encoded(image: Image.Image, fmt: str, **params) -> bytes:
    buffer = BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def gradient(size=(1200, 800), mode="RGB") -> Image.Image:
    """A picture with detail (a flat colour would compress to nothing and hide resize bugs)."""
    image = Image.linear_gradient("L").resize(size)
    if mode == "L":
        return image
    return Image.merge("RGB", (image, image.transpose(Image.Transpose.FLIP_LEFT_RIGHT), image.rotate(90))).convert(mode)


def upload(data: bytes, name="picture.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def jpeg(size=(1200, 800), **params) -> SimpleUploadedFile:
    return upload(encoded(gradient(size), "JPEG", **params), "photo.jpg")


def bomb_png(width=20_000, height=20_000) -> bytes:
    """A valid one-bit PNG of ``width``×``height`` in one colour: a few dozen KB on disk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte + packed bits
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def blank_image(**kwargs) -> LibraryImage:
    """A library image row with no file yet (as an editor's half-filled form would save)."""
    return LibraryImage.objects.create(title=kwargs.pop("title", "A picture"), **kwargs)


def picture_with(file, **kwargs) -> LibraryImage:
    picture = blank_image(image_alt=kwargs.pop("image_alt", "A face"), **kwargs)
    picture.image = file
    picture.full_clean()
    picture.save()
    return picture


def stored_image(picture) -> Image.Image:
    with default_storage.open(picture.image.name) as f:
        image = Image.open(BytesIO(f.read()))
        image.load()
    return image


def refusal(file) -> str:
    with pytest.raises(ValidationError) as caught:
        validate_image_upload(file)
    return " ".join(caught.value.messages)


def stored_files() -> list[str]:
    found = []

    def walk(folder):
        try:
            dirs, files = default_storage.listdir(folder)
        except FileNotFoundError:
            return
        found.extend(f"{folder}/{f}".lstrip("/") for f in files)
        for d in dirs:
            walk(f"{folder}/{d}".lstrip("/"))

    walk("")
    return sorted(found)


# --- accepted uploads and normalisation --------------------------------------------------------
@pytest.mark.parametrize(
    ("fmt", "name", "stored_suffix"),
    [("JPEG", "a.jpg", ".jpg"), ("PNG", "b.png", ".png"), ("WEBP", "c.webp", ".webp")],
)
def test_good_images_are_accepted_and_stored_under_a_generated_name(fmt, name, stored_suffix):
    picture = picture_with(upload(encoded(gradient((900, 600)), fmt), name))
    assert re.fullmatch(rf"images/image/[0-9a-f]{{32}}\{stored_suffix}", picture.image.name)
    assert (picture.image_width, picture.image_height) == (900, 600)
    assert stored_image(picture).format == fmt


def test_cmyk_jpeg_is_stored_as_rgb():
    cmyk = gradient((400, 300)).convert("CMYK")
    picture = picture_with(upload(encoded(cmyk, "JPEG"), "print.jpg"))
    stored = stored_image(picture)
    assert stored.mode == "RGB"
    assert "icc_profile" not in stored.info


def test_jpeg_with_an_icc_profile_is_converted_to_srgb_and_the_profile_dropped():
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    picture = picture_with(upload(encoded(gradient((300, 200)), "JPEG", icc_profile=srgb), "icc.jpg"))
    assert "icc_profile" not in stored_image(picture).info


def test_exif_rotated_jpeg_comes_out_upright_with_the_right_dimensions():
    # Stored landscape 400×200 with "rotate 90° clockwise" (orientation 6): shown 200×400.
    image = Image.new("RGB", (400, 200), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 200, 200))  # left half red, so we can tell which way it turned
    exif = Image.Exif()
    exif[0x0112] = 6
    picture = picture_with(upload(encoded(image, "JPEG", exif=exif.tobytes()), "phone.jpg"))
    stored = stored_image(picture)
    assert (picture.image_width, picture.image_height) == (200, 400)
    assert stored.size == (200, 400)
    assert not stored.getexif()  # no orientation tag left to apply twice
    top, bottom = stored.getpixel((100, 50)), stored.getpixel((100, 350))
    assert top[0] > 200 and top[2] < 60  # the red half is now on top
    assert bottom[2] > 200 and bottom[0] < 60


def test_png_with_alpha_keeps_alpha():
    image = gradient((300, 300), "RGBA")
    image.putalpha(Image.linear_gradient("L").resize((300, 300)))
    picture = picture_with(upload(encoded(image, "PNG"), "cutout.png", "image/png"))
    stored = stored_image(picture)
    assert stored.mode == "RGBA"
    assert stored.getpixel((150, 2))[3] < 10 and stored.getpixel((150, 297))[3] > 245
    webp = default_storage.open(f"renditions/{picture.image.name.split('/')[-1][:-4]}/square-300.webp")
    assert Image.open(webp).mode == "RGBA"


def test_gps_and_camera_exif_is_stripped():
    exif = Image.Exif()
    exif[0x010F] = "StarCam"  # Make
    exif[0xA431] = "SERIAL-12345"  # BodySerialNumber
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}  # GPS IFD
    data = encoded(gradient((300, 200)), "JPEG", exif=exif.tobytes())
    assert b"SERIAL-12345" in data
    picture = picture_with(upload(data, "gps.jpg"))
    raw = default_storage.open(picture.image.name).read()
    assert b"SERIAL-12345" not in raw and b"StarCam" not in raw
    assert not stored_image(picture).getexif()


def test_png_with_html_appended_loses_the_payload():
    payload = b"<html><script>alert(document.cookie)</script></html>"
    data = encoded(gradient((200, 200)), "PNG") + payload
    picture = picture_with(upload(data, "polyglot.png", "image/png"))
    assert payload not in default_storage.open(picture.image.name).read()
    assert b"<script" not in default_storage.open(picture.image.name).read()


def test_a_hostile_file_name_lands_under_a_generated_name():
    picture = picture_with(upload(encoded(gradient((200, 200)), "PNG"), "../../evil\u202egpj.png", "image/png"))
    assert re.fullmatch(r"images/image/[0-9a-f]{32}\.png", picture.image.name)
    assert all(".." not in name and "evil" not in name for name in stored_files())


# --- refused uploads ---------------------------------------------------------------------------
def test_text_renamed_jpg_is_refused():
    assert "not a JPEG, PNG, WebP or GIF" in refusal(upload(b"just some text, honest\n" * 20, "photo.jpg"))


def test_truncated_jpeg_is_refused():
    data = encoded(gradient((800, 600)), "JPEG")
    assert "damaged or incomplete" in refusal(upload(data[: len(data) // 2], "cut.jpg"))


def test_svg_with_script_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
    assert "SVG and other formats are not accepted" in refusal(upload(svg, "logo.svg", "image/svg+xml"))


def test_other_pillow_formats_are_refused():
    tiff = encoded(gradient((100, 100)), "TIFF")
    assert Image.open(BytesIO(tiff)).format == "TIFF"  # Pillow (and Django's ImageField) would take it
    assert "not a JPEG, PNG, WebP or GIF" in refusal(upload(tiff, "scan.jpg"))


def test_animated_gif_is_refused_and_a_static_gif_is_stored_as_png():
    frames = [Image.new("RGB", (50, 50), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    buffer = BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    assert "Animated" in refusal(upload(buffer.getvalue(), "anim.gif", "image/gif"))
    picture = picture_with(upload(encoded(gradient((60, 40)), "GIF"), "still.gif", "image/gif"))
    assert picture.image.name.endswith(".png")


def test_decompression_bomb_is_refused_from_the_header_before_decoding():
    data = bomb_png()
    assert len(data) < 200_000  # small file, 400 megapixels
    tracemalloc.start()
    try:
        message = refusal(upload(data, "bomb.png", "image/png"))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "40 megapixels" in message
    assert peak < 20 * 1024 * 1024  # decoding would need at least 400 MB


def test_image_just_over_the_pixel_limit_names_its_size(settings):
    settings.IMAGE_MAX_PIXELS = 100_000
    message = refusal(upload(encoded(gradient((400, 300)), "PNG"), "big.png"))
    assert "400×300" in message and "0.1 megapixels" in message


def test_oversize_file_is_refused_naming_the_limit():
    data = encoded(gradient((100, 100)), "JPEG") + b"\0" * (15 * 1024 * 1024)
    assert "the limit is 15 MB" in refusal(upload(data, "huge.jpg"))


def test_a_refused_upload_leaves_nothing_behind():
    picture = blank_image(image_alt="x")
    picture.image = upload(b"not an image", "x.jpg")
    with pytest.raises(ValidationError):
        picture.full_clean()
    with pytest.raises(ValidationError):
        picture.save()  # even without full_clean, the save checks the upload and stores nothing
    assert stored_files() == []
    assert not LibraryImage.objects.get(pk=picture.pk).image


# --- renditions --------------------------------------------------------------------------------
def test_renditions_exist_with_the_right_sizes_and_formats():
    picture = picture_with(jpeg((1800, 1200)))
    stem = picture.image.name.rsplit("/", 1)[1].split(".")[0]
    expected = {
        "wide": [320, 640, 1024, 1600],  # crop 1800 wide, capped at 1600
        "portrait": [320, 640, 960],  # crop 960×1200: 1024 would upscale, so 960 itself
        "poster": [320, 640, 800],
        "square": [320, 640],
    }
    for shape in SHAPES:
        assert widths_for(1800, 1200, shape) == expected[shape.name]
        for width in expected[shape.name]:
            for ext, fmt in (("webp", "WEBP"), ("jpg", "JPEG")):
                image = Image.open(default_storage.open(f"renditions/{stem}/{shape.name}-{width}.{ext}"))
                assert image.format == fmt
                assert image.size == (width, round(width * shape.ratio_h / shape.ratio_w))
    assert len([n for n in stored_files() if n.startswith("renditions/")]) == 2 * sum(map(len, expected.values()))


def test_small_images_are_never_upscaled():
    picture = picture_with(jpeg((500, 300)))
    stem = picture.image.name.rsplit("/", 1)[1].split(".")[0]
    for name in stored_files():
        if name.startswith(f"renditions/{stem}/"):
            assert Image.open(default_storage.open(name)).width <= 500
    assert widths_for(500, 300, SHAPES[0]) == [320, 500]
    assert widths_for(200, 100, SHAPES[3]) == [100]  # a crop narrower than the smallest width
    assert max(WIDTHS) == 1600


def test_crops_centre_on_the_focal_point():
    assert crop_box(1600, 900, SHAPES[3], 50, 50) == (350, 0, 1250, 900)
    assert crop_box(1600, 900, SHAPES[3], 0, 50) == (0, 0, 900, 900)
    assert crop_box(1600, 900, SHAPES[3], 90, 50) == (700, 0, 1600, 900)
    # A face on the right: the square thumb shows the right-hand (blue) side.
    image = Image.new("RGB", (1600, 800), (255, 0, 0))
    image.paste((0, 0, 255), (800, 0, 1600, 800))
    picture = picture_with(upload(encoded(image, "PNG"), "p.png"), image_focal_x=90)
    stem = picture.image.name.rsplit("/", 1)[1].split(".")[0]
    thumb = Image.open(default_storage.open(f"renditions/{stem}/square-320.jpg")).convert("RGB")
    assert thumb.getpixel((160, 160))[2] > 200


def test_a_file_stored_directly_through_the_field_is_still_processed():
    # What starcity_site.placeholders does: FieldFile.save(save=False), then full_clean and save.
    from django.core.files.base import ContentFile

    picture = blank_image(image_alt="Generated")
    picture.image.save("raw.png", ContentFile(encoded(gradient((500, 400)), "PNG") + b"<script>"), save=False)
    raw = picture.image.name
    picture.full_clean()
    picture.save()
    files = stored_files()
    assert raw not in files and picture.image.name in files
    assert b"<script>" not in default_storage.open(picture.image.name).read()
    assert any(name.startswith("renditions/") for name in files)


def test_saving_with_update_fields_leaves_a_pending_image_alone():
    picture = blank_image(image_alt="x")
    picture.image = jpeg((300, 200))
    picture.title = "Changed"
    picture.save(update_fields=["title"])
    assert stored_files() == []


def test_saving_without_a_new_image_does_not_reprocess():
    picture = picture_with(jpeg((400, 300)))
    files = stored_files()
    picture = LibraryImage.objects.get(pk=picture.pk)
    picture.title = "Changed"
    picture.full_clean()
    picture.save()
    assert stored_files() == files


def test_replacing_and_deleting_an_image_removes_its_files(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        picture = picture_with(jpeg((700, 500)))
    first = picture.image.name
    first_stem = first.rsplit("/", 1)[1].split(".")[0]
    assert any(n.startswith(f"renditions/{first_stem}/") for n in stored_files())
    picture = LibraryImage.objects.get(pk=picture.pk)
    with django_capture_on_commit_callbacks(execute=True):
        picture.image = jpeg((640, 480))
        picture.save()
    files = stored_files()
    assert first not in files and not any(f"/{first_stem}/" in n for n in files)
    second_stem = picture.image.name.rsplit("/", 1)[1].split(".")[0]
    assert any(f"/{second_stem}/" in n for n in files)
    with django_capture_on_commit_callbacks(execute=True):
        picture.delete()
    assert stored_files() == []


def test_clean_renditions_removes_orphans_and_rebuilds_missing(django_capture_on_commit_callbacks):
    from django.core.management import call_command

    picture = picture_with(jpeg((700, 500)))
    stem = picture.image.name.rsplit("/", 1)[1].split(".")[0]
    orphan = default_storage.save("renditions/deadbeef/wide-320.jpg", BytesIO(b"x"))
    default_storage.delete(f"renditions/{stem}/wide-640.webp")
    out = StringIO()
    call_command("clean_renditions", "--rebuild", stdout=out)
    assert orphan in stored_files()  # too young: it may belong to an upload not yet committed
    call_command("clean_renditions", "--rebuild", "--min-age-minutes=0", stdout=out)
    files = stored_files()
    assert "Deleted 1 unused file(s)." in out.getvalue()
    assert orphan not in files
    assert f"renditions/{stem}/wide-640.webp" in files
    assert picture.image.name in files


# --- alt text ----------------------------------------------------------------------------------
def test_alt_text_is_required_for_a_library_image():
    picture = LibraryImage(title="A picture", image=jpeg((300, 200)), image_alt="  ")
    with pytest.raises(ValidationError) as caught:
        picture.full_clean()
    assert "image_alt" in caught.value.message_dict


def test_a_library_image_needs_its_file():
    with pytest.raises(ValidationError) as caught:
        LibraryImage(title="Nothing", image_alt="Nothing at all").full_clean()
    assert "image" in caught.value.message_dict


# --- the template tag --------------------------------------------------------------------------
def render(template: str, **context) -> str:
    return Template("{% load images %}" + template).render(Context(context))


def test_picture_tag_has_srcset_sizes_dimensions_alt_and_lazy_loading(django_assert_num_queries):
    picture = picture_with(jpeg((1800, 1200)), image_alt="Jane Doe at a panel")
    picture = LibraryImage.objects.get(pk=picture.pk)
    with django_assert_num_queries(0):
        html = render('{% picture picture "portrait" %}', picture=picture)
    stem = picture.image.name.rsplit("/", 1)[1].split(".")[0]
    assert '<source type="image/webp"' in html
    assert f"/media/renditions/{stem}/portrait-320.webp 320w" in html
    assert f"/media/renditions/{stem}/portrait-960.jpg 960w" in html
    assert 'sizes="(min-width: 40rem) 16rem, 100vw"' in html
    assert 'width="960" height="1200"' in html
    assert 'alt="Jane Doe at a panel"' in html
    assert 'loading="lazy"' in html and 'decoding="async"' in html
    eager = render('{% picture picture "hero" lazy=False sizes="50vw" %}', picture=picture)
    assert "loading=" not in eager and 'sizes="50vw"' in eager and 'width="1600" height="900"' in eager
    # every URL in the srcset points at a file that exists
    for url in re.findall(r"/media/(\S+) \d+w", html):
        assert default_storage.exists(url)


def test_rendition_url_picks_the_widest_rendition_under_the_limit():
    picture = picture_with(jpeg((1800, 1200)))
    stem = picture.image.name.rsplit("/", 1)[1].split(".")[0]
    html = render(
        '{% rendition_url picture "thumb" 400 %}|{% rendition_url picture "hero" 5000 "webp" %}', picture=picture
    )
    assert html == f"/media/renditions/{stem}/square-320.jpg|/media/renditions/{stem}/wide-1600.webp"
    assert render('{% rendition_url picture "thumb" %}', picture=blank_image()) == ""


class SignedStorage(FileSystemStorage):
    """Like S3 with signed URLs: every file's URL carries its own query string."""

    def url(self, name):
        return f"{super().url(name)}?signature={len(name)}"


@pytest.mark.parametrize(
    "storage",
    [
        FileSystemStorage(base_url="/media/"),
        FileSystemStorage(base_url="https://cdn.example.com/star city/"),
        SignedStorage(base_url="/media/"),
    ],
    ids=["local", "cdn-with-space", "signed"],
)
def test_rendition_urls_are_what_the_storage_would_give_for_each_file(storage):
    name = "images/people/0a1b2c.jpg"
    url = rendition_url_builder(storage, name)
    for shape in SHAPES:
        for width in WIDTHS:
            for extension in ("webp", "jpg"):
                assert url(shape, width, extension) == storage.url(rendition_name(name, shape, width, extension))


def test_picture_tag_renders_nothing_without_an_image():
    assert render('{% picture picture "thumb" %}', picture=blank_image()).strip() == ""
    assert render('{% picture picture "thumb" %}', picture=None).strip() == ""  # a row with no image chosen


def test_picture_tag_escapes_alt_text():
    picture = picture_with(jpeg((400, 300)), image_alt='"><script>x</script>')
    html = render('{% picture picture "thumb" %}', picture=picture)
    assert "<script>" not in html and "&quot;&gt;&lt;script&gt;" in html


# --- the admin form --------------------------------------------------------------------------
def admin_form_data(page) -> dict:
    """The change form's current values, as the browser would post them back."""
    data = {}
    for bound in page.context["adminform"].form:
        value = bound.value()
        if value in (None, False) or bound.name == "image":
            continue
        data[bound.html_name] = [str(v) for v in value] if isinstance(value, list) else str(value)
    for inline in page.context["inline_admin_formsets"]:
        for bound in inline.formset.management_form:
            data[bound.html_name] = str(bound.value())
    return data


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (bomb_png(), "bomb.png", "the limit of 40 megapixels"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "x.png", "not a JPEG"),
    ],
)
def test_admin_upload_of_a_bad_file_shows_a_form_error(editor_client, data, name, message):
    picture = blank_image(image_alt="Portrait")
    url = f"/admin/library/image/{picture.pk}/change/"
    page = editor_client.get(url)
    assert 'accept="image/jpeg,image/png,image/webp,image/gif"' in page.text
    response = editor_client.post(url, {**admin_form_data(page), "image": upload(data, name, "image/png")})
    assert response.status_code == 200  # the form again, not a redirect
    assert message in " ".join(response.context["adminform"].form.errors["image"])
    assert stored_files() == []
    assert not LibraryImage.objects.get(pk=picture.pk).image


def test_admin_upload_of_a_good_file_is_processed(editor_client):
    picture = blank_image(image_alt="Portrait")
    url = f"/admin/library/image/{picture.pk}/change/"
    page = editor_client.get(url)
    response = editor_client.post(url, {**admin_form_data(page), "image": jpeg((700, 500))})
    assert response.status_code == 302
    picture.refresh_from_db()
    assert (picture.image_width, picture.image_height) == (700, 500)
    assert f"renditions/{picture.image.name.rsplit('/', 1)[1][:-4]}/wide-640.webp" in stored_files()


# --- bounded memory for large uploads (bench/upload_memory.py measures the worker) --------------
def test_a_large_upload_is_stored_within_max_side_by_a_whole_factor():
    from starcity_site.images.processing import MAX_SIDE

    picture = LibraryImage(title="Wide", image=upload(encoded(gradient((3 * MAX_SIDE - 50, 900)), "PNG"), "w.png"))
    picture.save()
    # ceil(9550 / 3200) = 3: an exact area average, never below the widest rendition.
    assert (picture.image_width, picture.image_height) == (3184, 300)
    assert max(WIDTHS) < picture.image_width <= MAX_SIDE
    with default_storage.open(picture.image.name) as f:
        stored = Image.open(f)
        assert stored.format == "PNG" and stored.size == (3184, 300)


def test_shrinking_band_by_band_equals_reducing_the_whole_picture():
    from starcity_site.images import processing

    picture = gradient((processing.MAX_SIDE * 2 + 7, 2 * processing.BAND_ROWS * 2 + 5), mode="RGBA")
    picture.putalpha(Image.linear_gradient("L").resize(picture.size))
    picture.format = "PNG"
    shrunk = processing.shrink(picture)
    assert shrunk.format == "PNG" and shrunk.mode == "RGBA"
    assert shrunk.tobytes() == picture.reduce(3).tobytes()


def test_a_large_palette_png_with_transparency_keeps_it(settings):
    from starcity_site.images.processing import MAX_SIDE

    palette = gradient((MAX_SIDE + 400, 200)).convert("P", palette=Image.Palette.ADAPTIVE)
    data = encoded(palette, "PNG", transparency=0)
    picture = LibraryImage(title="Pal", image=upload(data, "p.png", "image/png"), image_alt="x")
    picture.save()
    assert picture.image_width <= MAX_SIDE
    with default_storage.open(picture.image.name) as f:
        assert Image.open(f).mode == "RGBA"


def test_a_large_jpeg_is_decoded_at_a_fraction_of_its_size(monkeypatch):
    from starcity_site.images import processing, validation

    decoded = []
    shrink = processing.shrink
    monkeypatch.setattr(processing, "shrink", lambda image: decoded.append(image.size) or shrink(image))
    image = validation.check_upload(jpeg((4 * processing.MAX_SIDE, 400)))
    assert decoded == [(processing.MAX_SIDE, 100)]  # libjpeg scaled it by 4 as it decoded
    assert image.format == "JPEG" and image.size == (processing.MAX_SIDE, 100)


def test_a_truncated_large_jpeg_is_still_refused():
    from starcity_site.images.processing import MAX_SIDE

    data = encoded(gradient((4 * MAX_SIDE, 400)), "JPEG")
    assert "damaged" in refusal(upload(data[: len(data) * 2 // 3], "cut.jpg"))
