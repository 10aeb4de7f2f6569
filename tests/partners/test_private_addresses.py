"""Webhooks reach public addresses only: refused when saved and when delivered.

No test here goes to the network: public addresses are literals (checked, never
called), names resolve through /etc/hosts (`localhost`) or a stand-in resolver.
"""

import socket

import pytest
from django.core.exceptions import ValidationError

from articles import services
from articles.models import Article
from partners.models import Webhook, WebhookDelivery
from tests.factories import ArticleFactory, BlockFactory, run_worker

PUBLIC_IP = "93.184.215.14"

# (URL, the word the refusal uses): every class of address a worker inside our
# network must not be pointed at, in IPv4, IPv6 and IPv6 forms that carry IPv4.
INTERNAL = [
    ("http://127.0.0.1:8000/hook", "loopback"),
    ("http://127.9.9.9/hook", "loopback"),
    ("http://0.0.0.0/hook", "unspecified"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://10.1.2.3/hook", "private"),
    ("http://172.16.0.1/hook", "private"),
    ("http://192.168.1.10/hook", "private"),
    ("http://100.64.0.1/hook", "shared address space"),
    ("http://224.0.0.1/hook", "multicast"),
    ("http://240.0.0.1/hook", "reserved"),
    ("http://[::1]/hook", "loopback"),
    ("http://[::]/hook", "unspecified"),
    ("http://[fe80::1]/hook", "link-local"),
    ("http://[fc00::1]/hook", "private"),
    ("http://[fd12:3456::1]/hook", "private"),
    ("http://[ff02::1]/hook", "multicast"),
    ("http://[::ffff:127.0.0.1]/hook", "loopback"),
    ("http://[::ffff:169.254.169.254]/hook", "link-local"),
    ("http://[::ffff:10.0.0.1]/hook", "private"),
    ("http://[2002:7f00:1::]/hook", "loopback"),  # 6to4 of 127.0.0.1
    ("http://[64:ff9b::a9fe:a9fe]/hook", "link-local"),  # NAT64 of the metadata
    ("http://localhost/hook", "loopback"),
]


class Resolver:
    """Stands in for DNS for the names a test gives; others resolve as usual."""

    def __init__(self):
        self.answers: dict[str, list[list[str]]] = {}
        self.real = socket.getaddrinfo

    def answer(self, host: str, *answers: list[str]) -> None:
        """Answer `host` with each list of addresses in turn, then the last again;
        an empty list is a name that does not exist."""
        self.answers[host] = list(answers)

    def getaddrinfo(self, host, port, *args, **kwargs):
        if host not in self.answers:
            return self.real(host, port, *args, **kwargs)
        turns = self.answers[host]
        ips = turns.pop(0) if len(turns) > 1 else turns[0]
        if not ips:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_STREAM, 6)
            + ("", (ip, port))
            for ip in ips
        ]


@pytest.fixture
def resolver(monkeypatch) -> Resolver:
    fake = Resolver()
    monkeypatch.setattr(socket, "getaddrinfo", fake.getaddrinfo)
    return fake


def add_webhook(client, url):
    return client.post(
        "/admin/partners/webhook/add/",
        {"partner": "Partner", "url": url, "events": ["article.published"]},
    )


def url_errors(response) -> list[str]:
    return response.context["adminform"].form.errors.get("url", [])


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "reason"), INTERNAL)
def test_an_internal_address_is_refused_in_the_admin(editor_client, url, reason):
    response = add_webhook(editor_client, url)
    assert response.status_code == 200
    assert not Webhook.objects.exists()
    (error,) = url_errors(response)
    assert reason in error


@pytest.mark.parametrize(("url", "reason"), INTERNAL)
def test_an_internal_address_is_refused_by_the_model(url, reason):
    webhook = Webhook(partner="Partner", url=url, events=["article.published"])
    with pytest.raises(ValidationError) as refused:
        webhook.full_clean()
    (error,) = refused.value.message_dict["url"]
    assert reason in error


@pytest.mark.django_db
def test_a_public_address_is_accepted(editor_client):
    for url in (
        f"https://{PUBLIC_IP}/hooks/newsroom",
        "https://[2606:2800:21f:cb07:6820:80da:af6b:3c96]/hooks",
    ):
        assert add_webhook(editor_client, url).status_code == 302
    assert Webhook.objects.count() == 2


@pytest.mark.django_db
def test_a_name_is_refused_if_any_of_its_addresses_is_internal(editor_client, resolver):
    resolver.answer("partner.example", [PUBLIC_IP, "10.0.0.7"], [PUBLIC_IP])
    response = add_webhook(editor_client, "https://partner.example/hooks")
    assert url_errors(response) == ["10.0.0.7 is a private address."]
    accepted = add_webhook(editor_client, "https://partner.example/hooks")
    assert accepted.status_code == 302


@pytest.mark.django_db
def test_a_name_that_does_not_resolve_is_refused(editor_client, resolver):
    resolver.answer("typo.example", [])
    response = add_webhook(editor_client, "https://typo.example/hooks")
    assert url_errors(response) == ["The host typo.example could not be resolved."]
    assert not Webhook.objects.exists()


@pytest.mark.django_db
def test_the_setting_allows_internal_addresses_for_tests(editor_client, settings):
    settings.NEWSROOM_WEBHOOKS_ALLOW_PRIVATE = True
    assert add_webhook(editor_client, "http://127.0.0.1:8000/hook").status_code == 302


def publish_a_story(editor):
    article = ArticleFactory(status=Article.Status.APPROVED)
    BlockFactory(article=article)
    services.article_publish(article=article, user=editor)
    run_worker()
    return WebhookDelivery.objects.get()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_saved_name_that_now_resolves_inside_is_not_called(
    receiver, settings, editor, editor_client
):
    """Written past the admin (or pointed inside later): the delivery checks again,
    and the log has the refusal, never the reply of the address refused."""
    settings.NEWSROOM_WEBHOOKS_ALLOW_PRIVATE = False
    receiver.failures_left = 1  # it would answer "temporarily down"
    port = receiver.url.split(":")[2].split("/")[0]
    Webhook.objects.create(
        partner="Partner",
        url=f"http://localhost:{port}/hooks",
        events=Webhook.Event.values,
    )

    delivery = publish_a_story(editor)

    assert receiver.requests == []
    assert delivery.status == WebhookDelivery.Status.RETRYING
    assert delivery.response_status is None and delivery.response_excerpt == ""
    assert delivery.error.startswith("Not sent: ")
    assert "is a loopback address." in delivery.error
    page = editor_client.get(f"/admin/partners/webhookdelivery/{delivery.pk}/change/")
    assert "loopback" in page.content.decode()
    assert "temporarily down" not in page.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_delivery_connects_to_the_address_it_checked(receiver, resolver, editor):
    """The socket goes to the address that was checked, not to a second answer:
    a name cannot say "public" to the check and "internal" to the connection.
    Here a second lookup would get 127.0.0.2, where nothing listens. The partner
    still sees its own name in the Host header."""
    port = receiver.url.split(":")[2].split("/")[0]
    resolver.answer("partner.example", ["127.0.0.1"], ["127.0.0.2"])
    Webhook.objects.create(
        partner="Partner",
        url=f"http://partner.example:{port}/hooks?desk=1",
        events=Webhook.Event.values,
    )

    delivery = publish_a_story(editor)

    assert delivery.status == WebhookDelivery.Status.DELIVERED
    (request,) = receiver.requests
    assert request.path == "/hooks?desk=1"
    assert request.headers["Host"] == f"partner.example:{port}"
