import { describe, expect, it } from 'vitest';
import { expandAbbreviations, formatPotency, normalizePotency, parseProductQuery, remedySearchText } from './search.js';

describe('normalizePotency', () => {
  it.each([
    ['30', '30C'],
    ['30c', '30C'],
    ['30C', '30C'],
    ['30ch', '30C'],
    ['200', '200C'],
    ['6x', '6X'],
    ['6X', '6X'],
    ['6d', '6X'],
    ['3x', '3X'],
    ['12x', '12X'],
    ['1m', '1M'],
    ['10m', '10M'],
    ['50m', '50M'],
    ['1000', '1M'],
    ['10000', '10M'],
    ['cm', 'CM'],
    ['CM', 'CM'],
    ['100m', 'CM'],
    ['q', 'Q'],
    ['Q', 'Q'],
    ['mt', 'Q'],
    ['θ', 'Q'],
    ['ø', 'Q'],
    ['Ø', 'Q'],
    ['lm1', 'LM1'],
    ['LM6', 'LM6'],
    ['0/1', 'LM1'],
    ['0/3', 'LM3'],
  ])('reads %j as %s', (token, potency) => {
    expect(normalizePotency(token)).toBe(potency);
  });

  it.each(['arnica', 'x', 'c', 'm', '0', '0c', '0x', 'lm0', '12345', '30ml', '', 'v'])('says %j is not a potency', (token) => {
    expect(normalizePotency(token)).toBeNull();
  });

  it('formats canonical potencies for display and leaves unknown labels alone', () => {
    expect([formatPotency('30C'), formatPotency('6X'), formatPotency('Q'), formatPotency('1M')]).toEqual(['30C', '6X', 'Q', '1M']);
    expect(formatPotency('30c')).toBe('30C');
    expect(formatPotency('')).toBe('');
  });
});

describe('parseProductQuery', () => {
  it.each([
    ['arnica 30', ['arnica'], '30C', null],
    ['Arnica 30', ['arnica'], '30C', null],
    ['  arnica   30  ', ['arnica'], '30C', null],
    ['nux v 200', ['nux', 'vomica'], '200C', null],
    ['nux-v 200', ['nux', 'vomica'], '200C', null],
    ['ars alb 6x', ['arsenicum', 'album'], '6X', null],
    ['calc carb 1m', ['calcarea', 'carbonica'], '1M', null],
    ['rhus tox 30', ['rhus', 'toxicodendron'], '30C', null],
    ['bell 1m', ['bell'], '1M', null],
    ['arnica q', ['arnica'], 'Q', null],
    ['arnica mt', ['arnica'], 'Q', 'mother tincture'],
    ['arnica mother tincture', ['arnica'], 'Q', 'mother tincture'],
    ['kali phos 6x tab', ['kali', 'phosphoricum'], '6X', 'tablets'],
    ['kali phos 6x tabs', ['kali', 'phosphoricum'], '6X', 'tablets'],
    ['mag phos 6x biochemic', ['magnesia', 'phosphorica'], '6X', 'biochemic'],
    ['sulph 200 dil', ['sulph'], '200C', 'dilution'],
    ['calendula oint', ['calendula'], null, 'ointment'],
    ['arnica', ['arnica'], null, null],
    ['tab 30', ['tab'], '30C', null],
    ['30', [], '30C', null],
    ['arn', ['arn'], null, null],
    ['aconite 30', ['aconitum', 'napellus'], '30C', null],
    ['bc 12', ['bc', '12'], null, null],
    ['bc', [], null, 'biochemic'],
    ['passiflora q syrup', ['passiflora'], 'Q', 'syrup'],
    ['', [], null, null],
  ])('parses %j into terms %j, potency %s, form %s', (raw, terms, potency, form) => {
    expect(parseProductQuery(raw)).toEqual({ terms, potency, form, barcode: null });
  });

  it.each(['8901234567890', '12345678', '12345678901234', ' 8901234567890 '])('treats %j as a barcode scan', (raw) => {
    expect(parseProductQuery(raw)).toEqual({ terms: [], potency: null, form: null, barcode: raw.trim() });
  });

  it.each(['1234567', '123456789012345'])('does not treat %j as a barcode', (raw) => {
    expect(parseProductQuery(raw).barcode).toBeNull();
  });

  it('keeps only the last potency and returns an earlier one to the terms', () => {
    expect(parseProductQuery('30 arnica 200')).toMatchObject({ terms: ['30', 'arnica'], potency: '200C' });
  });
});

describe('expandAbbreviations', () => {
  it.each([
    [['nux', 'v'], ['nux', 'vomica']],
    [['nux', 'vom'], ['nux', 'vomica']],
    [['ars', 'alb'], ['arsenicum', 'album']],
    [['calc', 'carb'], ['calcarea', 'carbonica']],
    [['calc-p'], ['calcarea', 'phosphorica']],
    [['rhus', 'tox'], ['rhus', 'toxicodendron']],
    [['nat', 'mur'], ['natrum', 'muriaticum']],
    [['silica'], ['silicea']],
    [['calc'], ['calc']],
    [['ars'], ['ars']],
    [['arnica'], ['arnica']],
    [['xyz', 'nux', 'v'], ['xyz', 'nux', 'vomica']],
    [['unknown'], ['unknown']],
    [[], []],
  ])('expands %j to %j', (tokens, expanded) => {
    expect(expandAbbreviations(tokens)).toEqual(expanded);
  });
});

describe('remedySearchText', () => {
  it.each([
    ['Nux vomica', 'nux vomica v vom'],
    ['Arsenicum album', 'arsenicum album ars alb'],
    ['Calcarea phosphorica', 'calcarea phosphorica calc p phos'],
    ['Belladonna', 'belladonna bell'],
    ['nux VOMICA', 'nux vomica v vom'],
    ['Some New Remedy', 'some new remedy'],
  ])('indexes %j as %j', (name, text) => {
    expect(remedySearchText(name)).toBe(text);
  });
});
