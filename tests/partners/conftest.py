"""A partner's view of the site: a token, a rich published story, a webhook receiver."""

import io
import json
import threading
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article, Block, Narration, Photo
from partners.models import ApiToken, Webhook
from staffcredits.models import CreditRole, StaffMember
from tests.factories import (
    ArticleCreditFactory,
    ArticleFactory,
    BlockFactory,
    SectionFactory,
)

SITE = "https://news.example.org"


@pytest.fixture(autouse=True)
def site_url(settings, tmp_path):
    """A public address unlike the test client's, and an empty media folder."""
    settings.SITE_URL = SITE
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def token(db) -> str:
    """Return a raw token for a partner allowed plenty of requests."""
    api_token = ApiToken(name="Partner site", rate_limit_per_minute=1000)
    raw = api_token.set_new_token()
    api_token.save()
    return raw


@pytest.fixture
def api(client, token):
    """GET an API path with the partner's token; return the response."""

    def get(path, **params):
        return client.get(path, params, headers={"Authorization": f"Bearer {token}"})

    return get


def jpeg_upload(name="bridge.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), "#336699").save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue())


def staff(slug, name_en, name_zh_hans=""):
    """Return the staff member with this slug; several stories share the desk."""
    member, _created = StaffMember.objects.get_or_create(
        slug=slug, defaults={"name_en": name_en, "name_zh_hans": name_zh_hans}
    )
    return member


def credit(article, code, member):
    ArticleCreditFactory(
        article=article, role=CreditRole.objects.get(code=code), member=member
    )


def make_story(**fields) -> Article:
    """A published story with what partners take: pairs, photos, credits, audio."""
    photographer = staff("ma-jian", "Ma Jian", "马健")
    hero = Photo.objects.create(
        image=jpeg_upload(),
        caption_en="The new bridge at dusk.",
        caption_zh_hans="黄昏时的新桥。",
        alt_text_en="A lit bridge over a river",
        alt_text_zh_hans="河上亮灯的桥",
        renditions=[
            {"format": "webp", "width": 960, "height": 600, "name": "r/b-960.webp"},
            {"format": "jpeg", "width": 960, "height": 600, "name": "r/b-960.jpg"},
        ],
    )
    hero.photographers.add(photographer)
    article = ArticleFactory(
        published=True,
        section=SectionFactory(),
        hero_photo=hero,
        title_en="A bridge opens",
        title_zh_hans="新桥通车",
        summary_en="The river has a new crossing.",
        summary_zh_hans="河上有了新的通道。",
        source="Zhengzhou Daily",
        **fields,
    )
    BlockFactory(
        article=article,
        position=1,
        text_en="<p>The bridge <strong>opened</strong> today.</p>",
        text_zh_hans="<p>大桥今天<strong>通车</strong>。</p>",
    )
    BlockFactory(
        article=article,
        position=2,
        kind=Block.Kind.HEADING,
        text_en="Traffic",
        text_zh_hans="交通",
    )
    BlockFactory(
        article=article,
        position=3,
        kind=Block.Kind.PHOTO,
        photo=hero,
        text_en="",
        text_zh_hans="",
    )
    reporter = staff("li-hua", "Li Hua", "李华")
    voice = staff("benjamin-curwen", "Benjamin Curwen")
    credit(article, "reporter", reporter)
    credit(article, "voice", voice)
    credit(article, "photographer", photographer)
    Narration.objects.create(
        article=article,
        audio=SimpleUploadedFile("reading.mp3", b"\xff\xfb" + b"\0" * 64),
        language=Narration.Language.BOTH,
        voice=voice,
        mime_type="audio/mpeg",
        size_bytes=48_000,
        duration_seconds=185,
    )
    return article


@pytest.fixture
def story(db) -> Article:
    return make_story(slug="bridge-opens")


@dataclass
class Received:
    path: str
    headers: Message  # case-insensitive, as HTTP headers are
    body: bytes

    @property
    def json(self):
        return json.loads(self.body)


@dataclass
class Receiver:
    """A partner's endpoint on 127.0.0.1 that records what it is sent."""

    url: str = ""
    requests: list[Received] = field(default_factory=list)
    failures_left: int = 0
    failure_status: int = 500
    redirect_to: str = ""


@pytest.fixture
def receiver(settings):
    """Run the endpoint; webhooks may reach it only because these tests allow it."""
    settings.NEWSROOM_WEBHOOKS_ALLOW_PRIVATE = True
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            state.requests.append(
                Received(self.path, self.headers, self.rfile.read(length))
            )
            if state.redirect_to:
                self.send_response(302)
                self.send_header("Location", state.redirect_to)
                self.end_headers()
                return
            if state.failures_left:
                state.failures_left -= 1
                self.send_response(state.failure_status)
                self.end_headers()
                self.wfile.write(b"temporarily down")
                return
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/newsroom"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def hook(receiver) -> Webhook:
    """A partner's webhook for every event, pointing at the local receiver."""
    return Webhook.objects.create(
        partner="Partner site", url=receiver.url, events=Webhook.Event.values
    )


@pytest.fixture
def approved(db) -> Article:
    """An approved article with one pair, ready to publish."""
    article = ArticleFactory(status=Article.Status.APPROVED, slug="ready")
    BlockFactory(article=article)
    return article
