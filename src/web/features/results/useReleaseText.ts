/**
 * The words of a release in the viewer's language: names of groups (units and municipalities by name,
 * professions and age bands by the questionnaire's labels, the special groups), of answer categories
 * (the questionnaire's labels, the special categories), of groupings and of benchmarks.
 */
import { useTranslation } from 'react-i18next';
import type { AnswerInfo, ReleaseBody } from '../../../contracts/release.js';
import { useLanguage } from '../../i18n/index.js';
import { isSizeClassKey, sizeClassKeys } from '../../i18n/keys.js';
import { MISSING, NO_SCORE, NONE, NOT_ASKED, NOT_RELEVANT, OTHER, REST } from './release-model.js';

export interface ReleaseText {
  /** A grouping's name: "Unit", "Profession", … */
  grouping(grouping: string): string;
  /** The same inside a sentence: "unit", "profession", … */
  groupingInText(grouping: string): string;
  /** A group of a grouping (REST: "other units together", NONE: "not given"). */
  group(grouping: string, id: string): string;
  /** A group of a municipality attribute, named by the release (county, region) or by its key (size, centrality). */
  attributeGroup(dimension: string, id: string, name: string | null): string;
  /** The names of the groups REST stands for. */
  restMembers(grouping: string): string[];
  /** An answer category: the questionnaire's label or a special category's name. */
  category(info: AnswerInfo, id: string, members?: string[]): string;
  /** A benchmark population: "other municipalities in the region", … */
  benchmark(kind: ReleaseBody['kind']): string;
}

export function useReleaseText(body: ReleaseBody): ReleaseText {
  const { t } = useTranslation();
  const language = useLanguage();

  const grouping = (g: string) => {
    switch (g) {
      case 'unit':
        return t('results.groupings.unit');
      case 'municipality':
        return t('results.groupings.municipality');
      case 'profession':
        return t('results.groupings.profession');
      case 'age':
        return t('results.groupings.age');
      case 'education':
        return t('results.groupings.education');
      case 'size_class':
        return t('results.groupings.size_class');
      case 'county':
        return t('results.groupings.county');
      case 'region':
        return t('results.groupings.region');
      case 'centrality':
        return t('results.groupings.centrality');
      default:
        return g;
    }
  };

  /** A size or centrality class by its key (counties and regions have names in the release). */
  const attributeGroup = (g: string, id: string): string | null => {
    if (g === 'centrality') return t('results.attributes.centralityClass', { class: id });
    return g === 'size_class' && isSizeClassKey(id) ? t(sizeClassKeys[id]) : null;
  };

  const plainGroup = (g: string, id: string): string => {
    if (id === NONE) return g === 'unit' ? t('results.groups.noUnit') : t('results.groups.notGiven');
    const grouping = body.groupings[g];
    const named = grouping?.groups.find((x) => x.id === id)?.name;
    if (named) return named;
    const attribute = attributeGroup(g, id);
    if (attribute) return attribute;
    const label = grouping?.labels?.[id]?.[language];
    return label ?? id;
  };

  const group = (g: string, id: string): string => {
    if (id !== REST) return plainGroup(g, id);
    if (g === 'unit') return t('results.groups.restUnits');
    if (g === 'municipality') return t('results.groups.restMunicipalities');
    return t('results.groups.restGroups');
  };

  const restMembers = (g: string) => (body.groupings[g]?.rest?.members ?? []).map((id) => plainGroup(g, id));

  const category = (info: AnswerInfo, id: string, members: string[] = []): string => {
    switch (id) {
      case MISSING:
        return t('results.categories.missing');
      case NOT_ASKED:
        return t('results.categories.notAsked');
      case NO_SCORE:
        return t('results.categories.noScore');
      case OTHER:
        return t('results.categories.other', { members: members.map((m) => category(info, m)).join(', ') });
      default: {
        const label = info.labels[id]?.[language];
        if (label) return label;
        if (id === NOT_RELEVANT) return t('results.categories.notRelevant');
        if (id === 'not_chosen') return t('results.categories.notChosen');
        return id;
      }
    }
  };

  const benchmark = (kind: ReleaseBody['kind']) => {
    switch (kind) {
      case 'region_rest':
        return t('results.benchmarks.regionRest');
      case 'outside_region':
        return t('results.benchmarks.outsideRegion');
      case 'region':
        return t('results.benchmarks.region');
      default:
        return t('results.benchmarks.municipality');
    }
  };

  const groupingInText = (g: string) => grouping(g).toLocaleLowerCase(language);
  return { grouping, groupingInText, group, attributeGroup: (d, id, name) => name ?? attributeGroup(d, id) ?? id, restMembers, category, benchmark };
}
