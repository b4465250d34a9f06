{#
    Fails for each combination of the columns that occurs more than once:
    the grain of a table with a key of several columns. Named as in
    dbt-utils, which this project does not install (dbt deps would need the
    network on every fresh machine).
#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

with

grouped as (
    select
        {{ combination_of_columns | join(', ') }},
        count(*) as occurrences
    from {{ model }}
    group by {{ combination_of_columns | join(', ') }}
)

select *
from grouped
where occurrences > 1

{% endtest %}
