"""MC public profiles and payout statements."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0032_category_exclude_from_menu_category_long_description"),
        ("mc", "0001_initial"),
        ("wagtailimages", "0027_image_description"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PayoutStatement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('period', models.DateField(help_text='The first day of the month paid for.', verbose_name='Period')),
                ('gross', models.BigIntegerField(verbose_name='Gross commission (KRW)')),
                ('reversals', models.BigIntegerField(verbose_name='Reversals (KRW)')),
                ('withholding', models.BigIntegerField(verbose_name='Withholding tax (KRW)')),
                ('net', models.BigIntegerField(verbose_name='Net to pay (KRW)')),
                ('paid_at', models.DateTimeField(verbose_name='Paid at')),
            ],
            options={
                'verbose_name': 'Payout statement',
                'verbose_name_plural': 'Payout statements',
                'ordering': ['-period', '-paid_at'],
            },
        ),
        migrations.AlterModelOptions(
            name='commissionrule',
            options={'verbose_name': 'Commission rule', 'verbose_name_plural': 'Commission rules'},
        ),
        migrations.AlterModelOptions(
            name='ledgerentry',
            options={'ordering': ['-created'], 'verbose_name': 'Ledger entry', 'verbose_name_plural': 'Ledger entries'},
        ),
        migrations.AddField(
            model_name='ledgerentry',
            name='campaign_title',
            field=models.CharField(blank=True, max_length=255, verbose_name='Campaign title'),
        ),
        migrations.AddField(
            model_name='marketcreator',
            name='bio',
            field=models.TextField(blank=True, help_text='Two or three sentences readers see on your campaign pages.', max_length=500, verbose_name='Short bio'),
        ),
        migrations.AddField(
            model_name='marketcreator',
            name='photo',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='Profile photo'),
        ),
        migrations.AddField(
            model_name='marketcreator',
            name='region',
            field=models.CharField(blank=True, max_length=100, verbose_name='Community or region'),
        ),
        migrations.AddField(
            model_name='marketcreator',
            name='social_link',
            field=models.URLField(blank=True, verbose_name='Social media link'),
        ),
        migrations.AddField(
            model_name='marketcreator',
            name='website',
            field=models.URLField(blank=True, verbose_name='Website'),
        ),
        migrations.AddField(
            model_name='orderattribution',
            name='campaign_title',
            field=models.CharField(blank=True, max_length=255, verbose_name='Campaign title'),
        ),
        migrations.AlterField(
            model_name='commissionrule',
            name='category',
            field=models.ForeignKey(blank=True, help_text='Leave empty for every category.', null=True, on_delete=django.db.models.deletion.CASCADE, to='catalogue.category', verbose_name='Category'),
        ),
        migrations.AlterField(
            model_name='commissionrule',
            name='rate',
            field=models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(0, message='The rate cannot be below %(limit_value)s%%.'), django.core.validators.MaxValueValidator(100, message='The rate cannot be above %(limit_value)s%%.')], verbose_name='Rate (%)'),
        ),
        migrations.AlterField(
            model_name='marketcreator',
            name='created',
            field=models.DateTimeField(auto_now_add=True, verbose_name='Created'),
        ),
        migrations.AlterField(
            model_name='ledgerentry',
            name='created',
            field=models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='Created'),
        ),
        migrations.AlterField(
            model_name='ledgerentry',
            name='paid_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='Paid at'),
        ),
        migrations.AlterField(
            model_name='ledgerentry',
            name='status',
            field=models.CharField(choices=[('pending', 'Pending'), ('confirmed', 'Confirmed'), ('paid', 'Paid out')], default='pending', max_length=20, verbose_name='Status'),
        ),
        migrations.AddField(
            model_name='payoutstatement',
            name='mc',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='statements', to='mc.marketcreator', verbose_name='Market Creator'),
        ),
        migrations.AddField(
            model_name='payoutstatement',
            name='operator',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='Operator'),
        ),
        migrations.AddField(
            model_name='ledgerentry',
            name='statement',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='entries', to='mc.payoutstatement', verbose_name='Payout statement'),
        ),
    ]
