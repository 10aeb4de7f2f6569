"""What each middleware costs a request, measured in one process.

    DJANGO_SETTINGS_MODULE=bench.settings BENCH_DIR=/tmp/nb BENCH_PAGE_CACHE=0 \
        python -m bench.stack [PATH] [REQUESTS]

Sends REQUESTS (20,000) GET requests for PATH (/bench/ok/, the bare view) through
the MIDDLEWARE of the settings, with no server in front, and prints a Markdown
table: each middleware's own time per request (its layer's time less the layer
inside it, plus its process_view hook, which Django runs inside the innermost
layer), then the whole request. Times are medians of wall-clock time, so bursts
from other programs on the machine count little; the timing itself adds about a
microsecond a layer. BENCH_DIR must hold a site built by bench/dataset.py.
"""

import statistics
import sys
import time

import django

django.setup()

from django.core.handlers import base
from django.test import RequestFactory

WARM_UP = 1000
clock = time.perf_counter_ns


def name_of(handler) -> str:
    """The middleware's dotted name, or the view's layer."""
    kind = type(handler)
    if kind.__name__ in ("function", "method"):
        return "(view and URL resolver)"
    return f"{kind.__module__}.{kind.__qualname__}"


def timed_handler():
    """Return a handler whose layers record their time, and the layers' names.

    Layers are named innermost first, as load_middleware() builds them.
    """
    names, times, hooks = [], {}, {}
    convert = base.convert_exception_to_response

    def timed(get_response):
        inner = convert(get_response)
        layer = len(names)
        names.append(name_of(get_response))

        def call(request):
            start = clock()
            response = inner(request)
            times[layer] = clock() - start
            return response

        return call

    base.convert_exception_to_response = timed
    try:
        handler = base.BaseHandler()
        handler.load_middleware()
    finally:
        base.convert_exception_to_response = convert

    def timed_hook(hook):
        name = name_of(hook.__self__)

        def call(request, *args):
            start = clock()
            result = hook(request, *args)
            hooks[name] = hooks.get(name, 0) + clock() - start
            return result

        return call

    handler._view_middleware = [timed_hook(hook) for hook in handler._view_middleware]
    return handler, names, times, hooks


def measure(path: str, requests: int) -> tuple[dict[str, float], float]:
    """Return each layer's median own time and the whole request's, in µs."""
    handler, names, times, hooks = timed_handler()
    factory = RequestFactory(HTTP_HOST="127.0.0.1")
    own = {name: [] for name in names}
    whole = []
    for number in range(WARM_UP + requests):
        times.clear()
        hooks.clear()
        response = handler.get_response(factory.get(path))
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        if number < WARM_UP:
            continue
        for layer, name in enumerate(names):
            inside = times[layer - 1] if layer else sum(hooks.values())
            own[name].append(times[layer] - inside + hooks.get(name, 0))
        whole.append(times[len(names) - 1])
    medians = {name: statistics.median(values) / 1000 for name, values in own.items()}
    return medians, statistics.median(whole) / 1000


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "/bench/ok/"
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000
    medians, whole = measure(path, requests)
    print(f"| Middleware ({path}) | µs per request |")
    print("|---|---:|")
    for name, micros in reversed(medians.items()):
        print(f"| {name} | {micros:.1f} |")
    print(f"| whole request | {whole:.1f} |")


if __name__ == "__main__":
    main()
