-- The period close of bench/bench-plan.yaml in DuckDB SQL, over the tables of load.sql.
-- {{start}}, {{end}} (yyyy-MM-dd) and {{period}} (e.g. 2026-10) are replaced before running.
--
-- Exactness: DuckDB's DECIMAL / DECIMAL returns DOUBLE, so nothing here divides decimals. Every
-- quantity is turned into a scaled integer (HUGEINT): units, targets and survey values × 10,000,
-- money in cents, shares × 10^8. A score is kept as an exact fraction {n, d} until it is rounded;
-- rounding is integer division with half away from zero (rhalf), the rule jixiao's Money.Round uses.
-- The statement before the marker line defines macros (not timed); the one after it is the close.

CREATE OR REPLACE MACRO rhalf(n, d) AS
    CASE WHEN n >= 0 THEN (2 * n + d) // (2 * d) ELSE -((2 * (-n) + d) // (2 * d)) END;

-- Points of a ratio rule as a fraction: p × min(a / t, cn / cd), and 0 when a ≤ 0 (a, t in one scale, t > 0).
CREATE OR REPLACE MACRO ratio_points(a, t, p, cn, cd) AS
    CASE WHEN a <= 0 THEN {'n': 0::HUGEINT, 'd': 1::HUGEINT}
         WHEN a::HUGEINT * cd >= t::HUGEINT * cn THEN {'n': (p * cn)::HUGEINT, 'd': cd::HUGEINT}
         ELSE {'n': a::HUGEINT * p, 'd': t::HUGEINT} END;

CREATE OR REPLACE MACRO frac(n, d) AS {'n': n::HUGEINT, 'd': d::HUGEINT};

CREATE OR REPLACE MACRO frac_add(x, y) AS
    {'n': struct_extract(x, 'n') * struct_extract(y, 'd') + struct_extract(y, 'n') * struct_extract(x, 'd'),
     'd': struct_extract(x, 'd') * struct_extract(y, 'd')};

-- A fraction of points rounded to hundredths of a point.
CREATE OR REPLACE MACRO centi(x) AS rhalf(100 * struct_extract(x, 'n'), struct_extract(x, 'd'));

-- @@close
CREATE OR REPLACE TEMP TABLE close_result AS
WITH
period_sales AS (
    SELECT rowid AS row_no, id, employee, date, product,
           CAST(units * 10000 AS BIGINT) AS units4,
           CAST(amount * 100 AS BIGINT) AS amount_c,
           CAST((amount - cost) * 100 AS BIGINT) AS margin_c
    FROM sales
    WHERE date BETWEEN DATE '{{start}}' AND DATE '{{end}}'
),
credit_rows AS (
    SELECT rowid AS pos, sale, employee,
           CASE WHEN ends_with(share, '%')
                THEN CAST(CAST(rtrim(share, '%') AS DECIMAL(18, 6)) * 1000000 AS HUGEINT)
                ELSE CAST(CAST(share AS DECIMAL(18, 8)) * 100000000 AS HUGEINT) END AS w
    FROM credits
),
-- A sale with credit rows is credited only through them (Money.SplitCents per field: largest remainder,
-- ties by larger share, then employee id, then file order).
credit_parts AS (
    SELECT s.row_no, s.date, s.product, c.employee, c.pos, c.w,
           sum(c.w) OVER (PARTITION BY s.row_no) AS wsum,
           s.units4, s.amount_c, s.margin_c
    FROM period_sales s JOIN credit_rows c ON c.sale = s.id
),
credit_floor AS (
    SELECT *,
           (abs(units4)::HUGEINT * w) // wsum AS u_fl, (abs(units4)::HUGEINT * w) % wsum AS u_rem,
           (abs(amount_c)::HUGEINT * w) // wsum AS a_fl, (abs(amount_c)::HUGEINT * w) % wsum AS a_rem,
           (abs(margin_c)::HUGEINT * w) // wsum AS m_fl, (abs(margin_c)::HUGEINT * w) % wsum AS m_rem
    FROM credit_parts
),
credit_split AS (
    SELECT row_no, date, product, employee,
           sign(units4) * (u_fl + CASE WHEN row_number() OVER (PARTITION BY row_no ORDER BY u_rem DESC, w DESC, employee, pos)
                                            <= abs(units4) - sum(u_fl) OVER (PARTITION BY row_no) THEN 1 ELSE 0 END) AS units4,
           sign(amount_c) * (a_fl + CASE WHEN row_number() OVER (PARTITION BY row_no ORDER BY a_rem DESC, w DESC, employee, pos)
                                              <= abs(amount_c) - sum(a_fl) OVER (PARTITION BY row_no) THEN 1 ELSE 0 END) AS amount_c,
           sign(margin_c) * (m_fl + CASE WHEN row_number() OVER (PARTITION BY row_no ORDER BY m_rem DESC, w DESC, employee, pos)
                                              <= abs(margin_c) - sum(m_fl) OVER (PARTITION BY row_no) THEN 1 ELSE 0 END) AS margin_c
    FROM credit_floor
),
own_sales AS (
    SELECT row_no, date, product, employee, units4, amount_c, margin_c
    FROM period_sales
    WHERE id NOT IN (SELECT sale FROM credits)
),
credited_sales AS (
    SELECT * FROM own_sales
    UNION ALL
    SELECT row_no, date, product, employee, units4, amount_c, margin_c FROM credit_split
),
sales_by_employee AS (
    SELECT employee, sum(units4) AS vehicles4, sum(amount_c) AS revenue_c, sum(margin_c) AS margin_c
    FROM credited_sales
    GROUP BY employee
),
activities_by_employee AS (
    SELECT employee,
           count(*) FILTER (WHERE kind = 'lead') AS leads,
           count(*) FILTER (WHERE kind = 'followup_due') AS due,
           count(*) FILTER (WHERE kind = 'followup_on_time') AS on_time,
           count(*) FILTER (WHERE kind = 'followup_done') AS done,
           count(*) FILTER (WHERE kind = 'conversion') AS conversions,
           count(value) FILTER (WHERE kind = 'survey') AS surveys,
           sum(CAST(value * 10000 AS BIGINT)) FILTER (WHERE kind = 'survey') AS survey_sum4
    FROM activities
    WHERE date BETWEEN DATE '{{start}}' AND DATE '{{end}}'
      AND kind IN ('lead', 'followup_due', 'followup_on_time', 'followup_done', 'conversion', 'survey')
    GROUP BY employee
),
targets_by_employee AS (
    SELECT subject AS employee,
           CAST(max(value) FILTER (WHERE metric = 'vehicles') * 10000 AS HUGEINT) AS t_vehicles4,
           CAST(max(value) FILTER (WHERE metric = 'revenue') * 10000 AS HUGEINT) AS t_revenue4,
           CAST(max(value) FILTER (WHERE metric = 'gross_margin') * 10000 AS HUGEINT) AS t_margin4,
           CAST(max(value) FILTER (WHERE metric = 'new_leads') * 10000 AS HUGEINT) AS t_leads4
    FROM targets
    WHERE period = '{{period}}' AND metric IN ('vehicles', 'revenue', 'gross_margin', 'new_leads')
    GROUP BY subject
),
attitude AS (
    SELECT employee, CAST(max(points) * 10000 AS HUGEINT) AS points4
    FROM ratings
    WHERE period = '{{period}}' AND indicator = 'attitude'
    GROUP BY employee
),
person AS (
    SELECT e.id AS employee, e.level, e.leave_date,
           coalesce(s.vehicles4, 0)::HUGEINT AS vehicles4,
           coalesce(s.revenue_c, 0)::HUGEINT * 100 AS revenue4,
           coalesce(s.margin_c, 0)::HUGEINT * 100 AS margin4,
           coalesce(a.leads, 0)::HUGEINT * 10000 AS leads4,
           coalesce(a.due, 0) AS due, coalesce(a.on_time, 0) AS on_time,
           coalesce(a.done, 0) AS done, coalesce(a.conversions, 0) AS conversions,
           coalesce(a.surveys, 0) AS surveys, coalesce(a.survey_sum4, 0) AS survey_sum4,
           t.t_vehicles4, t.t_revenue4, t.t_margin4, t.t_leads4, r.points4
    FROM employees e
    LEFT JOIN sales_by_employee s ON s.employee = e.id
    LEFT JOIN activities_by_employee a ON a.employee = e.id
    LEFT JOIN targets_by_employee t ON t.employee = e.id
    LEFT JOIN attitude r ON r.employee = e.id
    WHERE e.hire_date <= DATE '{{end}}' AND (e.leave_date IS NULL OR e.leave_date >= DATE '{{start}}')
),
scored AS (
    SELECT *,
           centi(frac_add(ratio_points(vehicles4, t_vehicles4, 20, 6, 5), ratio_points(revenue4, t_revenue4, 20, 6, 5))) AS sales_c,
           centi(ratio_points(margin4, t_margin4, 20, 3, 2)) AS gross_margin_c,
           centi(ratio_points(leads4, t_leads4, 10, 1, 1)) AS new_leads_c,
           centi(frac_add(CASE WHEN due = 0 THEN frac(5, 1) ELSE ratio_points(on_time, due, 5, 1, 1) END,
                          CASE WHEN done = 0 THEN frac(0, 1) ELSE ratio_points(conversions, done, 5, 1, 1) END)) AS followup_c,
           CASE WHEN surveys = 0 THEN 0 ELSE centi(ratio_points(survey_sum4, surveys * 1000000, 10, 1, 1)) END AS satisfaction_c,
           rhalf(points4, 100) AS attitude_c
    FROM person
),
totalled AS (
    SELECT *, sales_c + gross_margin_c + new_leads_c + followup_c + satisfaction_c + attitude_c AS total_c
    FROM scored
),
graded AS (
    SELECT *,
           CASE WHEN total_c >= 9000 THEN 'S' WHEN total_c >= 8000 THEN 'A' WHEN total_c >= 6000 THEN 'B' ELSE 'C' END AS grade,
           -- A: 1.0 → 1.2 linearly over [80, 90), rounded to 4 places.
           CASE WHEN total_c >= 9000 THEN 15000
                WHEN total_c >= 8000 THEN 10000 + rhalf(2000 * (total_c - 8000), 1000)
                WHEN total_c >= 6000 THEN 8000
                ELSE 0 END AS coefficient4
    FROM totalled
),
-- Vehicle bonus: the units beyond the target in the order sold (date, then file order), each at its model's amount.
over_target AS (
    SELECT employee, t_vehicles4 FROM graded WHERE vehicles4 > t_vehicles4
),
over_rows AS (
    SELECT c.employee, c.date, c.row_no, c.product, c.units4::HUGEINT AS units4, o.t_vehicles4
    FROM credited_sales c JOIN over_target o ON o.employee = c.employee
),
over_running AS (
    SELECT employee, product, units4, t_vehicles4,
           sum(units4) OVER (PARTITION BY employee ORDER BY date, row_no ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative4
    FROM over_rows
),
vehicle_bonus AS (
    SELECT employee,
           sum(greatest(0, cumulative4 - greatest(cumulative4 - units4, t_vehicles4))
               * CASE product WHEN 'sedan' THEN 300 WHEN 'suv' THEN 500 WHEN 'mpv' THEN 400 WHEN 'ev' THEN 600 END) AS amount4
    FROM over_running
    GROUP BY employee
),
paid AS (
    SELECT g.*,
           (g.leave_date IS NOT NULL AND g.leave_date < DATE '{{end}}') AS forfeited,
           rhalf(100 * (CASE g.level WHEN 'core' THEN 3000 WHEN 'newcomer' THEN 2000 END) * g.coefficient4, 10000) AS performance_bonus,
           coalesce(rhalf(v.amount4 * 100, 10000), 0) AS vehicle_bonus,
           CASE WHEN g.margin4 > g.t_margin4 THEN rhalf((g.margin4 - g.t_margin4) * 5, 10000) ELSE 0 END AS margin_bonus
    FROM graded g LEFT JOIN vehicle_bonus v ON v.employee = g.employee
)
SELECT employee,
       sales_c::BIGINT AS sales_c, gross_margin_c::BIGINT AS gross_margin_c, new_leads_c::BIGINT AS new_leads_c,
       followup_c::BIGINT AS followup_c, satisfaction_c::BIGINT AS satisfaction_c, attitude_c::BIGINT AS attitude_c,
       total_c::BIGINT AS total_c, grade, coefficient4::BIGINT AS coefficient4,
       (CASE WHEN forfeited THEN 0 ELSE performance_bonus END)::BIGINT AS performance_bonus_c,
       (CASE WHEN forfeited THEN 0 ELSE vehicle_bonus END)::BIGINT AS vehicle_bonus_c,
       (CASE WHEN forfeited THEN 0 ELSE margin_bonus END)::BIGINT AS margin_bonus_c
FROM paid;
