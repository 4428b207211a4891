import { describe, expect, it } from 'vitest';
import { canonicalNumber, inventedNumbers, matrixFacts } from './number-guard.js';
import { matrix } from './__fixtures__/turn.js';

describe('invented-number guard', () => {
  it('one canonical form per value, across Spanish and English formats', () => {
    expect(['120.000', '120,000', '120000', '0120000'].map(canonicalNumber)).toEqual(Array(4).fill('120000'));
    expect(['1.250.000', '1,250,000'].map(canonicalNumber)).toEqual(['1250000', '1250000']);
    expect(['1,5', '1.5', '1.50'].map(canonicalNumber)).toEqual(['1.5', '1.5', '1.5']);
    expect(['1.200,50', '1,200.50'].map(canonicalNumber)).toEqual(['1200.5', '1200.5']);
    expect(['120,00', '9:00', '09:00'].map(canonicalNumber)).toEqual(['120', '9:0', '9:0']);
    expect(canonicalNumber('12.05.2024')).toBe('12.5.2024');
    expect(canonicalNumber('15')).not.toBe(canonicalNumber('1.5'));
  });

  it('numbers stated in the matrix pass, whatever their format and currency or percent sign', () => {
    const facts = matrixFacts(matrix);
    expect(inventedNumbers('La matrícula cuesta $1,250,000 y de contado hay un 15 % de descuento.', facts)).toEqual([]);
    expect(inventedNumbers('Abrimos de 08:00 a 18:00 y tenemos 3 sedes.', facts)).toEqual([]);
    expect(inventedNumbers('Sin cifras, todo bien.', facts)).toEqual([]);
  });

  it('numbers not in the matrix are reported, including ones only customers wrote in the examples', () => {
    const facts = matrixFacts(matrix);
    expect(inventedNumbers('Cuesta $120 y hay 20% de descuento.', facts)).toEqual(['120', '20']);
    expect(inventedNumbers('Cuesta $1.250.000, o 50 si pagas hoy.', facts)).toEqual(['50']);
    expect(inventedNumbers('Abrimos a las 9:00.', facts)).toEqual(['9:0']);
  });
});
