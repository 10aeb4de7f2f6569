"""The OpenAPI 3.1 description of the partner API, served at /api/v1/openapi.json.

The schemas describe exactly the ninjs 2.1 properties `partners.ninjs` writes, with
the IPTC schema's names and types and no other properties, so the tests can hold
real responses to them.
"""

from django.conf import settings

NINJS = "https://www.iptc.org/std/ninjs/ninjs-schema_2.1.json"


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _array(name: str) -> dict:
    return {"type": "array", "items": _ref(name)}


def _object(properties: dict, required=()) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": list(required),
        "additionalProperties": False,
    }


STRING = {"type": "string"}
URI = {"type": "string", "format": "uri"}
DATE_TIME = {"type": "string", "format": "date-time"}
NUMBER = {"type": "number"}
LANGUAGE = {"type": "string", "enum": ["en", "zh-Hans"]}

# Properties every article-level item (package or language item) carries.
_VERSION = {
    "version": {**STRING, "description": "Raised on every edit; ninjs `version`."},
    "firstcreated": {**DATE_TIME, "description": "When it first went live."},
    "versioncreated": {
        **DATE_TIME,
        "description": "When it last changed for partners: edited, published, "
        "corrected, withdrawn, or (if scheduled) when it went live.",
    },
    "pubstatus": {"type": "string", "enum": ["usable", "canceled"]},
}

SCHEMAS = {
    "Text": _object(
        {"role": STRING, "contenttype": STRING, "value": STRING}, ["value"]
    ),
    "Body": _object(
        {
            "role": STRING,
            "contenttype": STRING,
            "value": STRING,
            "charcount": NUMBER,
            "wordcount": NUMBER,
        },
        ["value"],
    ),
    "Person": _object(
        {
            "name": STRING,
            "rel": {
                **STRING,
                "description": "The credit role's code: reporter, text_editor, "
                "photographer, voice, translator…",
            },
            "uri": URI,
            "literal": STRING,
        }
    ),
    "Subject": _object({"name": STRING, "rel": STRING, "uri": URI, "literal": STRING}),
    "InfoSource": _object(
        {"name": STRING, "role": STRING, "uri": URI, "literal": STRING}
    ),
    "Rendition": _object(
        {
            "name": STRING,
            "href": URI,
            "contenttype": STRING,
            "title": STRING,
            "height": NUMBER,
            "width": NUMBER,
            "sizeinbytes": NUMBER,
            "duration": NUMBER,
            "format": STRING,
        },
        ["name"],
    ),
    "AltId": _object({"role": STRING, "value": STRING}),
    "Standard": _object({"name": STRING, "version": STRING, "schema": URI}),
    "Picture": _object(
        {
            "name": STRING,
            "uri": URI,
            "type": {"const": "picture"},
            "language": LANGUAGE,
            "descriptions": _array("Text"),
            "by": STRING,
            "people": _array("Person"),
            "renditions": _array("Rendition"),
        },
        ["name", "uri", "type", "renditions"],
    ),
    "Audio": _object(
        {
            "name": STRING,
            "uri": URI,
            "type": {"const": "audio"},
            "language": LANGUAGE,
            "by": STRING,
            "people": _array("Person"),
            "renditions": _array("Rendition"),
            "associations": {
                **_array("PairStart"),
                "description": "Where the narration reads each marked pair, in "
                "reading order; absent when no pair is marked.",
            },
        },
        ["name", "uri", "type", "renditions"],
    ),
    "Photo": {
        **_object(
            {
                "uri": {**URI, "description": "This photo's API address."},
                "standard": _ref("Standard"),
                "type": {"const": "picture"},
                "renditions": _array("Rendition"),
                "associations": {
                    **_array("Picture"),
                    "description": "The photo in each language (en, zh-Hans): "
                    "caption, alternative text and credit.",
                },
            },
            ["uri", "standard", "type", "renditions", "associations"],
        ),
        "description": "A photo a published article shows, on its own.",
    },
    "PairStart": {
        **_object(
            {
                "name": {
                    "type": "string",
                    "pattern": "^pair-[0-9]+$",
                    "description": "The pair's name in `pairs`.",
                },
                "uri": {**URI, "description": "The pair's uri in `pairs`."},
                "type": {"const": "component"},
                "renditions": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": 1,
                    "items": _ref("Rendition"),
                },
            },
            ["name", "uri", "type", "renditions"],
        ),
        "description": "Where one pair starts in the narration. ninjs 2.1 has no "
        "property for a moment in a recording, so the rendition (`name: narration`) "
        "is the recording from this pair to the next as a W3C Media Fragment: "
        "`href` ends in `#t=START,END` (seconds; `#t=START` when the recording's "
        "length is unknown) and `duration` is END − START. Browsers play such an "
        "address from START.",
    },
    "LanguageItem": _object(
        {
            "name": LANGUAGE,
            "uri": URI,
            "type": {"const": "text"},
            "representationtype": {"const": "full"},
            **_VERSION,
            "language": LANGUAGE,
            "headlines": _array("Text"),
            "descriptions": {
                **_array("Text"),
                "description": "Roles: summary, translationnote, correction.",
            },
            "bodies": _array("Body"),
            "by": STRING,
            "people": _array("Person"),
            "subjects": _array("Subject"),
            "infosources": _array("InfoSource"),
            "copyrightholder": STRING,
            "copyrightnotice": STRING,
            "usageterms": STRING,
            "renditions": _array("Rendition"),
            "associations": {
                "type": "array",
                "description": "featureimage (picture) and audio (the narration).",
                "items": {"oneOf": [_ref("Picture"), _ref("Audio")]},
            },
        },
        ["name", "uri", "type", "language", "version", "headlines", "bodies"],
    ),
    "PairText": _object(
        {
            "name": LANGUAGE,
            "uri": URI,
            "type": {"const": "text"},
            "language": LANGUAGE,
            "bodies": _array("Body"),
        },
        ["name", "uri", "type", "language", "bodies"],
    ),
    "Pair": _object(
        {
            "name": {"type": "string", "pattern": "^pair-[0-9]+$"},
            "uri": URI,
            "type": {"const": "component"},
            "profile": {
                "type": "string",
                "enum": ["paragraph", "heading", "quote", "photo"],
            },
            "associations": {
                "type": "array",
                "description": "The pair's sides, named by language.",
                "items": {"oneOf": [_ref("PairText"), _ref("Picture")]},
            },
        },
        ["name", "uri", "type", "profile", "associations"],
    ),
    "Pairs": _object(
        {
            "name": {"const": "pairs"},
            "uri": URI,
            "type": {"const": "composite"},
            "associations": _array("Pair"),
        },
        ["name", "uri", "type", "associations"],
    ),
    "Article": {
        **_object(
            {
                "uri": {
                    **URI,
                    "description": "Stable identifier: this article's API address.",
                },
                "standard": _ref("Standard"),
                "type": {"const": "composite"},
                "representationtype": {"const": "full"},
                "profile": {"const": "newsroom-bilingual-article"},
                **_VERSION,
                "pubstatus": {"const": "usable"},
                "contentcreated": DATE_TIME,
                "slugline": STRING,
                "altids": _array("AltId"),
                "associations": {
                    "type": "array",
                    "description": "en and zh-Hans (LanguageItem), then pairs.",
                    "items": {"oneOf": [_ref("LanguageItem"), _ref("Pairs")]},
                },
            },
            ["uri", "type", "version", "versioncreated", "pubstatus", "associations"],
        ),
        "description": f"A published article as a ninjs 2.1 package ({NINJS}).",
    },
    "WithdrawnArticle": {
        **_object(
            {
                "uri": URI,
                "standard": _ref("Standard"),
                "type": {"const": "composite"},
                "representationtype": {"const": "partial"},
                "profile": {"const": "newsroom-bilingual-article"},
                "version": STRING,
                "versioncreated": DATE_TIME,
                "pubstatus": {"const": "canceled"},
                "altids": _array("AltId"),
            },
            ["uri", "type", "versioncreated", "pubstatus"],
        ),
        "description": "An article taken down since `updated_since`: remove it.",
    },
    "ArticlePage": _object(
        {
            "items": {
                "type": "array",
                "items": {"oneOf": [_ref("Article"), _ref("WithdrawnArticle")]},
            },
            "next": {
                "type": ["string", "null"],
                "format": "uri",
                "description": "The next page, or null on the last one.",
            },
        },
        ["items", "next"],
    ),
    "Error": _object(
        {"error": _object({"code": STRING, "message": STRING}, ["code", "message"])},
        ["error"],
    ),
    "WebhookEvent": {
        **_object(
            {
                "id": {
                    **STRING,
                    "description": "Also in `webhook-id`; kept on retries.",
                },
                "event": {
                    "enum": [
                        "article.published",
                        "article.updated",
                        "article.unpublished",
                    ]
                },
                "occurred_at": DATE_TIME,
                "article": _object(
                    {"id": {"type": "integer"}, "uri": URI}, ["id", "uri"]
                ),
                "item": _ref("Article"),
            },
            ["id", "event", "occurred_at", "article"],
        ),
        "description": "A webhook delivery's body; no `item` when unpublished.",
    },
}

# What a partner's server receives, signed with the Standard Webhooks scheme.
_WEBHOOK_HEADERS = {
    "webhook-id": "The delivery's id, the same on every retry: ignore repeats.",
    "webhook-timestamp": "Seconds since 1970 when this attempt was signed.",
    "webhook-signature": "Space-separated `v1,<base64>` signatures, one per live "
    "secret (two while a secret is being rotated).",
    "X-Newsroom-Event": "The event, as in the body.",
}
WEBHOOKS = {
    "articleEvent": {
        "post": {
            "summary": "An article was published, updated or unpublished",
            "description": (
                "Sent to each webhook a managing editor registers (admin › Partners "
                "› Webhooks), after the change is committed, by a background "
                "worker; retried with growing waits for about a day until your "
                "server answers 2xx. Verify it with any Standard Webhooks library "
                "(https://www.standardwebhooks.com/) and the webhook's `whsec_…` "
                "secret, e.g. in Python `standardwebhooks.Webhook(secret)."
                "verify(body, headers)`; it refuses a signature more than five "
                "minutes old. Rotating the secret in the admin signs with both the "
                "old and the new secret for a day."
            ),
            "parameters": [
                {
                    "name": name,
                    "in": "header",
                    "required": True,
                    "schema": STRING,
                    "description": text,
                }
                for name, text in _WEBHOOK_HEADERS.items()
            ],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("WebhookEvent")}},
            },
            "responses": {
                "2XX": {"description": "Received; anything else is retried."}
            },
        }
    }
}


def _error(description: str, **headers) -> dict:
    response = {
        "description": description,
        "content": {"application/json": {"schema": _ref("Error")}},
    }
    if headers:
        response["headers"] = {
            name: {"schema": {"type": "string"}, "description": text}
            for name, text in headers.items()
        }
    return response


# An address under /api/v1/ that names nothing answers 404 in the same shape.
_NOT_FOUND = _error("Nothing published has this id.")
_RESPONSES = {
    "401": _error(
        "Missing or invalid token.",
        **{"WWW-Authenticate": "Bearer"},
    ),
    "429": _error(
        "Too many requests this minute for this token.",
        **{"Retry-After": "Seconds until the next minute starts."},
    ),
}


def _item(operation: str, summary: str, schema: str) -> dict:
    """Return the path item serving one `uri` found in an article."""
    return {
        "get": {
            "operationId": operation,
            "summary": summary,
            "parameters": [
                {
                    "name": "id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 1},
                }
            ],
            "responses": {
                "200": {
                    "description": "The item, as in the article.",
                    "content": {"application/json": {"schema": _ref(schema)}},
                },
                "404": _NOT_FOUND,
                **_RESPONSES,
            },
        }
    }


def document() -> dict:
    """Return the OpenAPI 3.1 document, with the site's own address as server."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Newsroom content API",
            "version": "1.0.0",
            "description": (
                "Published bilingual (English and Simplified Chinese) articles as "
                "IPTC ninjs 2.1, for partners. Sync incrementally: keep the "
                "`versioncreated` of the last item you stored, ask again with "
                "`updated_since` set to it, and follow `next` to the end. Items "
                "with `pubstatus: canceled` were withdrawn: take them down. "
                "Every `uri` and `href` in an item can be fetched. Errors come as "
                '`{"error": {"code", "message"}}` (the `Error` schema) '
                "with their HTTP status: also 404 for an address under the API "
                "that names nothing and 405 for any method but GET and HEAD."
            ),
        },
        "servers": [{"url": f"{settings.SITE_URL}/api/v1"}],
        "security": [{"bearer": []}],
        "paths": {
            "/articles/": {
                "get": {
                    "operationId": "listArticles",
                    "summary": "Published articles, oldest change first",
                    "parameters": [
                        {
                            "name": "updated_since",
                            "in": "query",
                            "schema": DATE_TIME,
                            "description": "Only articles changed at or after this "
                            "moment (RFC 3339, with a time zone), and withdrawals "
                            "since then. Empty or malformed: 400.",
                        },
                        {
                            "name": "cursor",
                            "in": "query",
                            "schema": {
                                "type": "string",
                                "pattern": "^[A-Za-z0-9_-]+$",
                                "minLength": 1,
                            },
                            "description": "Opaque: the position after the last "
                            "item of a previous page, taken from its `next` (follow "
                            "`next` and you never build one). Its content may change "
                            "without notice; one this API did not give out is "
                            "refused with 400.",
                        },
                        {
                            "name": "limit",
                            "in": "query",
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": 100,
                                "default": 50,
                            },
                            "description": "Items per page. Empty or out of "
                            "range: 400.",
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "One page.",
                            "content": {
                                "application/json": {"schema": _ref("ArticlePage")}
                            },
                        },
                        "400": _error(
                            "A parameter is empty or malformed; the message names it."
                        ),
                        **_RESPONSES,
                    },
                }
            },
            "/articles/{id}/": {
                "get": {
                    "operationId": "getArticle",
                    "summary": "One published article",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 1},
                            "description": "The `id` altid; the `uri` is this address.",
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "The article.",
                            "content": {
                                "application/json": {"schema": _ref("Article")}
                            },
                        },
                        "404": _NOT_FOUND,
                        **_RESPONSES,
                    },
                }
            },
            "/photos/{id}": _item(
                "getPhoto",
                "A photo a published article shows: its `uri`",
                "Photo",
            ),
            "/narrations/{id}": _item(
                "getNarration",
                "A published article's narration: its `uri`",
                "Audio",
            ),
        },
        "components": {
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A partner token from a managing editor.",
                }
            },
            "schemas": SCHEMAS,
        },
        "webhooks": WEBHOOKS,
    }
