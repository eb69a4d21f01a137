/** One problem of a problem+json answer, naming the JSON path at fault. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** RFC 9457 problem details, as every Caja error is sent. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  /** A stable machine code (the OpenAPI Problem schema's enum): the web app translates it. */
  code?: string;
  errors?: FieldProblem[];
}

/** Field path → message, e.g. { 'options[1].label': 'is required' }. */
export type FieldErrors = Record<string, string>;
