-- Loads the CSV files of a bench-data directory into DuckDB tables: the columns bench/duckdb/close.sql
-- reads, with the types the data format defines (money DECIMAL(18,2), quantities and values
-- DECIMAL(18,4)). {{dir}} is replaced by the directory. Tables keep the file order (DuckDB preserves
-- insertion order by default), so rowid is the row's position in its file.
CREATE OR REPLACE TABLE employees AS
SELECT id, level, hire_date, leave_date
FROM read_csv('{{dir}}/employees.csv', header = true, auto_detect = false,
    columns = {'id': 'VARCHAR', 'name': 'VARCHAR', 'org_unit': 'VARCHAR', 'manager': 'VARCHAR', 'position': 'VARCHAR',
               'category': 'VARCHAR', 'level': 'VARCHAR', 'tier': 'VARCHAR', 'hire_date': 'DATE', 'leave_date': 'DATE'});

CREATE OR REPLACE TABLE sales AS
SELECT id, employee, date, product, units, amount, cost
FROM read_csv('{{dir}}/sales.csv', header = true, auto_detect = false,
    columns = {'id': 'VARCHAR', 'employee': 'VARCHAR', 'date': 'DATE', 'customer': 'VARCHAR', 'product': 'VARCHAR',
               'units': 'DECIMAL(18,4)', 'amount': 'DECIMAL(18,2)', 'cost': 'DECIMAL(18,2)', 'contract': 'VARCHAR',
               'contract_signed': 'DATE'});

-- Shares are written as 0.6 or 40%; kept as text here and scaled to integers in close.sql.
CREATE OR REPLACE TABLE credits AS
SELECT sale, employee, share
FROM read_csv('{{dir}}/credits.csv', header = true, auto_detect = false,
    columns = {'sale': 'VARCHAR', 'employee': 'VARCHAR', 'share': 'VARCHAR'});

CREATE OR REPLACE TABLE activities AS
SELECT employee, date, kind, value
FROM read_csv('{{dir}}/activities.csv', header = true, auto_detect = false,
    columns = {'id': 'VARCHAR', 'employee': 'VARCHAR', 'date': 'DATE', 'kind': 'VARCHAR', 'customer': 'VARCHAR',
               'value': 'DECIMAL(18,4)'});

CREATE OR REPLACE TABLE targets AS
SELECT subject, metric, period, value
FROM read_csv('{{dir}}/targets.csv', header = true, auto_detect = false,
    columns = {'subject': 'VARCHAR', 'metric': 'VARCHAR', 'period': 'VARCHAR', 'value': 'DECIMAL(18,4)',
               'challenge': 'DECIMAL(18,4)'});

CREATE OR REPLACE TABLE ratings AS
SELECT employee, period, indicator, points
FROM read_csv('{{dir}}/ratings.csv', header = true, auto_detect = false,
    columns = {'employee': 'VARCHAR', 'period': 'VARCHAR', 'indicator': 'VARCHAR', 'points': 'DECIMAL(18,4)',
               'rater': 'VARCHAR', 'comment': 'VARCHAR'});
