"""HistoricalFigure moves from people to universe, step 2 of 3 (see universe 0003).

State only: a character's counterpart now names universe's figure, on the same table and the
same column, and people stops declaring the model. Nothing in the database changes here.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0005_character_search_vector'),
        ('universe', '0003_historicalfigure_from_people'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='character',
                    name='counterpart',
                    field=models.ForeignKey(blank=True, help_text='The historical figure or office behind the character, e.g. Sergei Korolev.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='characters', to='universe.historicalfigure', verbose_name='real-history counterpart'),
                ),
                migrations.DeleteModel(name='HistoricalFigure'),
            ],
            database_operations=[],
        ),
    ]
