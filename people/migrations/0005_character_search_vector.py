"""A stored full-text vector for characters' own texts, filled by a trigger, GIN-indexed (PostgreSQL).

A search parsed every character's description on each request (about 12 ms of the database's
CPU for 120 characters). The trigger stores what ``search.engine`` computed for the character's
own fields (name A, description B, the "simple" configuration); the counterpart's name (C) lives
in another table and is still added in the query, so results and ranks are unchanged. On SQLite
the column stays NULL.
"""

import django.contrib.postgres.search
from django.db import migrations


CREATE = """
CREATE FUNCTION people_character_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('simple'::regconfig, COALESCE(NEW.name, '')), 'A')
        || setweight(to_tsvector('simple'::regconfig, COALESCE(NEW.description, '')), 'B');
    RETURN NEW;
END
$$;
CREATE TRIGGER people_character_search_vector
    BEFORE INSERT OR UPDATE OF name, description ON people_character
    FOR EACH ROW EXECUTE FUNCTION people_character_search_vector();
CREATE INDEX people_character_search_vector_gin ON people_character USING gin (search_vector);
UPDATE people_character SET name = name;
"""

DROP = """
DROP INDEX IF EXISTS people_character_search_vector_gin;
DROP TRIGGER IF EXISTS people_character_search_vector ON people_character;
DROP FUNCTION IF EXISTS people_character_search_vector();
"""


def run(sql):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_person_search_vector"),
    ]

    operations = [
        migrations.AddField(
            model_name="character",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True, serialize=False),
        ),
        migrations.RunPython(run(CREATE), run(DROP), elidable=False),
    ]
