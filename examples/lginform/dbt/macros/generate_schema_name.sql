{#
    Models go to the schema their folder names (staging, intermediate, marts,
    reference), not dbt's default "<target schema>_<custom schema>": an
    analyst reads marts.council_neighbour_comparison. Each developer and each
    test run has a database of its own (the embedded PostgreSQL), so there is
    no need to prefix schemas per person.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
