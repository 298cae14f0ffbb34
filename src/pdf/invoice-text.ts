// How the invoice PDF writes dates, money, phone and tax numbers, addresses and the service
// period: the way billing staff and plan reviewers in the US read them on paper.

import { Decimal } from 'decimal.js';
import type { Address } from '../domain/reference.js';
import { zipWithHyphen } from './address-text.js';
import type { ServicePeriod } from './invoice.js';

export function addressLines(address: Address): string[] {
  return [address.line1, address.line2, `${address.city}, ${address.state} ${zipWithHyphen(address.zip)}`].filter(
    (line): line is string => !!line && line.trim() !== '',
  );
}

export function periodDisplay(period: ServicePeriod): string {
  return period.from === period.to ? usDate(period.from) : `${usDate(period.from)} to ${usDate(period.to)}`;
}

/** MM/DD/YYYY */
export function usDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${month}/${day}/${year}`;
}

export function moneyDisplay(amount: string): string {
  const [dollars = '0', cents = '00'] = new Decimal(amount).toFixed(2).split('.');
  return `${dollars.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

export function phoneDisplay(phone: string): string {
  return phone.length === 10 ? `(${phone.slice(0, 3)}) ${phone.slice(3, 6)}-${phone.slice(6)}` : phone;
}

export function tinDisplay(tin: string): string {
  return tin.length === 9 ? `${tin.slice(0, 2)}-${tin.slice(2)}` : tin;
}
