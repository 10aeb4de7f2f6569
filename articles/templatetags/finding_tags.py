from django import template

from articles.findings import translated

register = template.Library()
register.filter("translated", translated)
