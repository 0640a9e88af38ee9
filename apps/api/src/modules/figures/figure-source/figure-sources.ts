import { Injectable } from '@nestjs/common';
import { CurrentTreeFigureSource } from './current-tree.figure-source';
import type { FigureSource, FigureTree } from './figure-source';
import { ReportedFigureSource } from './reported.figure-source';

/** The one place a request's `?tree=` picks how its figures are read. */
@Injectable()
export class FigureSources {
  constructor(
    private readonly reported: ReportedFigureSource,
    private readonly current: CurrentTreeFigureSource,
  ) {}

  of(tree: FigureTree = 'reported'): FigureSource {
    return tree === 'current' ? this.current : this.reported;
  }
}
