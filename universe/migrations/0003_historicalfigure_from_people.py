"""HistoricalFigure moves from people to universe, step 1 of 3: universe takes the model over.

State only: the model is declared here on its old table, and the timeline's link to figures
points at it. No row is copied, so ids and every link stay as they are. people 0006 then drops
its own declaration, and universe 0004 renames the table and moves the content type.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0005_character_search_vector'),
        ('universe', '0002_timeline_places_glossary'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalFigure',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('slug', models.SlugField(max_length=200, unique=True, verbose_name='slug')),
                        ('role', models.CharField(blank=True, help_text="e.g. 'Chief Designer of the Soviet space programme'.", max_length=200, verbose_name='role or office')),
                        ('summary', models.TextField(blank=True, help_text='Who they were in real history.', verbose_name='summary')),
                        ('born', models.DateField(blank=True, null=True, verbose_name='born')),
                        ('died', models.DateField(blank=True, null=True, verbose_name='died')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        'verbose_name': 'historical figure',
                        'ordering': ['name'],
                        'db_table': 'people_historicalfigure',
                        'constraints': [models.CheckConstraint(condition=models.Q(('born__isnull', True), ('died__isnull', True), ('died__gte', models.F('born')), _connector='OR'), name='historical_figure_dies_after_birth', violation_error_message='The date of death comes before the date of birth.')],
                    },
                ),
                migrations.AlterField(
                    model_name='timelineevent',
                    name='figures',
                    field=models.ManyToManyField(blank=True, related_name='timeline_events', to='universe.historicalfigure', verbose_name='historical figures'),
                ),
            ],
            database_operations=[],
        ),
    ]
