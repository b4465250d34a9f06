-- Fails for Kingston upon Thames or Sutton when its nearest-neighbour group
-- (the seed) does not list the council itself: its rank and the group's
-- median would then leave the council out.

with

partner_councils as (

    select 'E09000021' as area_code
    union all
    select 'E09000029'

),

group_members as (

    select * from {{ ref('lginform_comparison_group_members') }}

)

select partner_councils.area_code
from partner_councils
left join group_members
    on partner_councils.area_code = group_members.owner_area_code
    and partner_councils.area_code = group_members.member_area_code
where group_members.member_area_code is null
